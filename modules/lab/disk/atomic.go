package disk

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic replaces path with data as WriteAtomic does.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return WriteAtomic(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteAtomic replaces the file path with what write writes, so that a
// crash or a failure at any point leaves either the old file or the
// complete new one: write streams into a new temporary file next to path
// (see Create), which is synced and renamed into place, and the directory
// is synced. On failure the temporary file is removed and the old file is
// untouched. The temporary files a killed process left for path are
// removed on the way.
func WriteAtomic(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	p, err := Create(path, perm)
	if err != nil {
		return err
	}
	return p.Finish(write(p))
}

// SyncDir fsyncs a directory so that the entries created, renamed and
// removed in it are durable; a file system that cannot sync a directory
// is taken as having nothing to sync.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// dirOf is the directory holding path.
func dirOf(path string) string { return filepath.Dir(path) }
