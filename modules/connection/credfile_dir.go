package connection

import (
	"errors"
	"io/fs"
	"path/filepath"

	"pcsh/runtime/cmdlet"
)

// checkCredentialDir refuses a credential file whose directory its group
// or others may write: they could rename another file over it, or remove
// it, between pcsh's check of the file and its read (or its write). A
// missing directory is no danger (the write creates it 0700).
func checkCredentialDir(fsys FS, path string) error {
	dir := filepath.Dir(path)
	fi, err := fsys.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return credFileError(path, err)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "CredentialDirectoryInsecure", dir,
			"The directory %s of the credential file has mode %04o, so other users can replace the file in it; pcsh will not use it.",
			dir, perm).WithHint("run: chmod 700 %s", dir)
	}
	return nil
}
