package atomicfile

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Writer replaces files atomically with its settings. The zero value is
// the usual replace: the operating system's steps, the temporary file
// created with the mode asked for (less the umask), the directory synced
// after the rename.
type Writer struct {
	// Steps perform the syncs and the rename; nil uses OS.
	Steps Steps
	// Prepare, when set, runs on the new temporary file before anything
	// is written to it: to set its mode exactly, or restrict its access
	// control list. When it fails the temporary file is removed.
	Prepare func(f *os.File) error
	// SyncDirFirst also syncs the directory before the rename, so that
	// the temporary file's entry is durable before it takes the name.
	SyncDirFirst bool
}

// steps are the writer's Steps, or OS.
func (w Writer) steps() Steps {
	if w.Steps == nil {
		return OS{}
	}
	return w.Steps
}

// Create starts an atomic write of path (see the package function
// Create) with the writer's settings.
func (w Writer) Create(path string, perm fs.FileMode) (*Pending, error) {
	p, err := createTemp(path, perm)
	if err != nil {
		return nil, err
	}
	p.steps, p.syncDirFirst = w.steps(), w.SyncDirFirst
	sweepTemps(path)
	if w.Prepare != nil {
		if err := w.Prepare(p.f); err != nil {
			return nil, p.Finish(err)
		}
	}
	return p, nil
}

// WriteAtomic replaces the file path with what write writes, so that a
// crash or a failure at any point leaves either the old file or the
// complete new one: write streams into a new temporary file next to path
// (see Create), which is synced and renamed into place, and the directory
// is synced. On failure the temporary file is removed and the old file is
// untouched. The temporary files a killed process left for path are
// removed on the way.
func (w Writer) WriteAtomic(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	p, err := w.Create(path, perm)
	if err != nil {
		return err
	}
	return p.Finish(write(p))
}

// WriteFile replaces path with data as WriteAtomic does.
func (w Writer) WriteFile(path string, data []byte, perm fs.FileMode) error {
	return w.WriteAtomic(path, perm, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
}

// WriteAtomic replaces path with what write writes (Writer.WriteAtomic)
// on the operating system.
func WriteAtomic(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	return Writer{}.WriteAtomic(path, perm, write)
}

// WriteFileAtomic replaces path with data (Writer.WriteFile) on the
// operating system.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return Writer{}.WriteFile(path, data, perm)
}

// dirOf is the directory holding path.
func dirOf(path string) string { return filepath.Dir(path) }
