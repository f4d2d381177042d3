package connection

import (
	"io/fs"
	"os"
	"path/filepath"
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

// WriteFile writes to a temporary file created with perm in the target
// directory, then renames it over name, so no reader ever sees a partial
// file and the mode is right from the first byte. On Windows a perm that
// gives the group and others nothing also replaces the file's inherited
// access control list with one for the current user, SYSTEM and
// Administrators, before any data is written.
func (OSFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".pcsh-cred-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err := restrictToOwner(f.Name(), perm); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

var _ FS = OSFS{}
