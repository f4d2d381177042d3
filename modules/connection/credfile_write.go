package connection

import (
	"io/fs"
	"os"
	"path/filepath"

	"pcsh/runtime/atomicfile"
)

// replaceFile replaces name with data and mode perm through steps
// (atomicfile.Writer), creating its directory with mode 0700: the
// temporary file is synced, then the directory, before the rename, and
// the directory again after it, so after a crash name holds the old or
// the new contents, never an empty or partial file, and a rename reported
// done stays done. The temporary file gets exactly perm before any data
// is written; on Windows a perm that gives the group and others nothing
// also replaces its inherited access control list with one for the
// current user, SYSTEM and Administrators.
func replaceFile(steps atomicfile.Steps, name string, data []byte, perm fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		return err
	}
	w := atomicfile.Writer{Steps: steps, SyncDirFirst: true, Prepare: func(f *os.File) error {
		if err := f.Chmod(perm); err != nil {
			return err
		}
		return restrictToOwner(f.Name(), perm)
	}}
	return w.WriteFile(name, data, perm)
}
