package disk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// accessDeniedText is ERROR_ACCESS_DENIED as SQL Server quotes it in
// 3201: "Operating system error 5(Access is denied.)".
const accessDeniedText = "5(Access is denied.)"

// errAccessDenied is the OS error a path outside the confinement gets.
var errAccessDenied = errors.New(accessDeniedText)

// Confine reports whether local, a path on this machine (a device path
// after FS.Map), lies in one of dirs: nil if it does, else
// an *fs.PathError (Op "open") whose error reads "5(Access is denied.)",
// as SQL Server reports a directory its service account may not use. A
// path with a ".." component is refused whatever it points to, and
// symbolic links are resolved in local and in dirs before they are
// compared, so neither can lead out of a directory.
func Confine(dirs []string, local string) error {
	denied := &fs.PathError{Op: "open", Path: local, Err: errAccessDenied}
	if hasDotDot(local) {
		return denied
	}
	real, err := resolveExisting(local)
	if err != nil {
		return denied
	}
	for _, d := range dirs {
		root, err := resolveExisting(d)
		if err == nil && (real == root || strings.HasPrefix(real, root+string(filepath.Separator)) ||
			root == string(filepath.Separator)) {
			return nil
		}
	}
	return denied
}

// hasDotDot reports whether p has a ".." component, with either slash.
func hasDotDot(p string) bool {
	for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return true
		}
	}
	return false
}

// resolveExisting makes p absolute and resolves the symbolic links of its
// longest existing prefix; the rest does not exist yet, so it holds no
// link. A link that leads nowhere (dangling) fails: writing through it
// would create its target.
func resolveExisting(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	for q := abs; ; q = filepath.Dir(q) {
		_, err := os.Lstat(q)
		if err == nil {
			real, err := filepath.EvalSymlinks(q)
			if err != nil {
				return "", err
			}
			rest, _ := filepath.Rel(q, abs)
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if q == filepath.Dir(q) {
			return abs, nil
		}
	}
}
