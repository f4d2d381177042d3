package connection

import (
	"io/fs"
	"os"

	"pcsh/runtime/atomicfile"
)

// FS is the file system the module reads lab.json and the credential file
// through; tests substitute a fake.
type FS interface {
	Stat(name string) (fs.FileInfo, error)
	ReadFile(name string) ([]byte, error)
	// WriteFile writes data to name with perm, creating parent directories
	// with mode 0700; it replaces an existing file atomically.
	WriteFile(name string, data []byte, perm fs.FileMode) error
}

// OSFS is the operating system's file system.
type OSFS struct{}

// Stat returns the file's information.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadFile returns the file's contents.
func (OSFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile replaces name durably with data and mode perm (replaceFile):
// no reader ever sees a partial file, and the mode is right from the
// first byte.
func (OSFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	return replaceFile(atomicfile.OS{}, name, data, perm)
}

var _ FS = OSFS{}
