// Package share maps Windows UNC paths to directories of the lab, so the
// T-SQL the runbooks send to a real SQL Server (BACKUP LOG … TO DISK =
// N'\\fs.contoso.com\pchatlogs\mgc.trn', @backup_share = N'\\…') works
// unchanged against lab instances that all run on one machine:
// \\HOST\SHARE\rest is ROOT/host/share/rest.
package share

import (
	"path/filepath"
	"strings"
)

// Map resolves UNC paths under a root directory.
type Map struct {
	Root string // the lab's shares directory; "" leaves every path unchanged
}

// IsUNC reports whether p is a UNC path (\\host\share…).
func IsUNC(p string) bool { return strings.HasPrefix(p, `\\`) && len(p) > 2 }

// Local returns the lab directory behind a UNC path, or p itself when it
// is not a UNC path or the map has no root. Host and share names are
// case-insensitive, as on Windows; ".." cannot climb out of the share.
func (m Map) Local(p string) string {
	if m.Root == "" || !IsUNC(p) {
		return p
	}
	parts := strings.FieldsFunc(p[2:], func(r rune) bool { return r == '\\' || r == '/' })
	if len(parts) < 2 {
		return filepath.Join(m.Root, strings.ToLower(strings.Join(parts, "")))
	}
	base := filepath.Join(m.Root, strings.ToLower(parts[0]), strings.ToLower(parts[1]))
	rest := filepath.Clean(string(filepath.Separator) + filepath.Join(parts[2:]...))
	return filepath.Join(base, rest)
}

// UNC returns the UNC path of a share on a host: \\host\share.
func UNC(host, name string) string { return `\\` + host + `\` + name }
