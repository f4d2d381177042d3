package atomicfile

import (
	"errors"
	"os"
	"runtime"
)

// Steps are the outside effects of finishing an atomic write, injected so
// that tests can observe their order or make one fail.
type Steps interface {
	// SyncFile makes the temporary file's contents durable.
	SyncFile(f *os.File) error
	// Rename moves the temporary file over the target.
	Rename(from, to string) error
	// SyncDir makes the directory's entries durable.
	SyncDir(dir string) error
}

// OS performs the steps on the operating system.
type OS struct{}

// SyncFile fsyncs f.
func (OS) SyncFile(f *os.File) error { return f.Sync() }

// Rename renames from to to.
func (OS) Rename(from, to string) error { return os.Rename(from, to) }

// SyncDir fsyncs a directory so that the entries created, renamed and
// removed in it are durable. Windows cannot sync a directory (a rename
// there is durable with the file's flush), and a file system that cannot
// sync a directory is taken as having nothing to sync.
func (OS) SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, os.ErrInvalid) {
		err = nil
	}
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// SyncDir fsyncs a directory on the operating system (OS.SyncDir).
func SyncDir(dir string) error { return OS{}.SyncDir(dir) }

// Interface guard.
var _ Steps = OS{}
