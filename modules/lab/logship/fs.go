package logship

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"pcsh/modules/lab/disk"
)

// FS is the file system the log shipping jobs use: the backup job writes
// log backups through it, the copy job reads the share and writes the
// copy directory, the jobs list and delete files. WriteFile is atomic.
type FS interface {
	ReadDir(dir string) ([]fs.DirEntry, error)
	ReadFile(path string) ([]byte, error)
	WriteFile(path string, data []byte) error
	Remove(path string) error
	MkdirAll(dir string) error
}

// OSFS is the operating system's file system; WriteFile writes a
// temporary file, syncs it and renames it into place.
type OSFS struct{}

// ReadDir lists a directory.
func (OSFS) ReadDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }

// ReadFile reads a whole file.
func (OSFS) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// Remove deletes a file.
func (OSFS) Remove(path string) error { return os.Remove(path) }

// MkdirAll creates a directory and its parents.
func (OSFS) MkdirAll(dir string) error { return os.MkdirAll(dir, 0o755) }

// WriteFile writes data to path atomically and durably; a temporary file
// a killed process left for the same path is removed (see
// disk.WriteAtomic).
func (OSFS) WriteFile(path string, data []byte) error { return disk.WriteFileAtomic(path, data, 0o644) }

// FaultFS wraps an FS and fails writes under the directories marked full
// with ENOSPC, as a full disk does (the lab's disk-full fault).
type FaultFS struct {
	FS
	mu   sync.Mutex
	full map[string]bool
}

// NewFaultFS returns a FaultFS over base.
func NewFaultFS(base FS) *FaultFS { return &FaultFS{FS: base, full: map[string]bool{}} }

// SetFull marks dir (and everything under it) full or not.
func (f *FaultFS) SetFull(dir string, full bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.full[filepath.Clean(dir)] = full
}

// WriteFile fails with ENOSPC under a full directory.
func (f *FaultFS) WriteFile(path string, data []byte) error {
	if f.isFull(path) {
		return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	}
	return f.FS.WriteFile(path, data)
}

// isFull reports whether path lies under a full directory.
func (f *FaultFS) isFull(path string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if f.full[p] {
			return true
		}
		if p == filepath.Dir(p) {
			return false
		}
	}
}

// osErrorText renders an OS error as SQL Server and sqllogship print
// them: the Windows error number and text.
func osErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && windowsText().MatchString(pe.Err.Error()) {
		return pe.Err.Error()
	}
	if windowsText().MatchString(err.Error()) {
		return err.Error()
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "112(There is not enough space on the disk.)"
	case errors.Is(err, os.ErrNotExist):
		return "3(The system cannot find the path specified.)"
	case errors.Is(err, os.ErrPermission):
		return "5(Access is denied.)"
	}
	return "1117(The request could not be performed because of an I/O device error.)"
}
