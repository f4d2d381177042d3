package connection

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// fileOps are the steps of a durable replace that tests observe.
type fileOps interface {
	syncFile(f *os.File) error
	syncDir(dir string) error
	rename(from, to string) error
}

// osOps performs the steps on the operating system.
type osOps struct{}

func (osOps) syncFile(f *os.File) error    { return f.Sync() }
func (osOps) rename(from, to string) error { return os.Rename(from, to) }

// syncDir makes the directory's entries durable. Windows cannot open a
// directory for syncing (its rename is durable with the file's flush), so
// there it does nothing.
func (osOps) syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// replaceFile writes data to a temporary file created with perm in name's
// directory, syncs it and the directory, renames it over name and syncs
// the directory again: after a crash name holds the old or the new
// contents, never an empty or partial file, and a rename reported done
// stays done. On Windows a perm that gives the group and others nothing
// also replaces the file's inherited access control list with one for the
// current user, SYSTEM and Administrators, before any data is written.
func replaceFile(ops fileOps, name string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".pcsh-cred-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := writeSynced(ops, f, data, perm); err != nil {
		return err
	}
	if err := ops.syncDir(dir); err != nil {
		return err
	}
	if err := ops.rename(f.Name(), name); err != nil {
		return err
	}
	return ops.syncDir(dir)
}

// writeSynced restricts, writes, syncs and closes the temporary file.
func writeSynced(ops fileOps, f *os.File, data []byte, perm fs.FileMode) error {
	err := f.Chmod(perm)
	if err == nil {
		err = restrictToOwner(f.Name(), perm)
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = ops.syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
