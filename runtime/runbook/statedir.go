package runbook

import (
	"errors"
	"path/filepath"
)

// StateDir returns the directory that holds journals and locks:
// PCSH_STATE_DIR, else $XDG_STATE_HOME/pcsh, else %LOCALAPPDATA%\pcsh on
// Windows and ~/.local/state/pcsh elsewhere. goos is runtime.GOOS.
func StateDir(getenv func(string) string, goos string) (string, error) {
	if d := getenv("PCSH_STATE_DIR"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "pcsh"), nil
	}
	if goos == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "pcsh"), nil
		}
		return "", errors.New("neither PCSH_STATE_DIR nor LOCALAPPDATA is set")
	}
	if d := getenv("HOME"); d != "" {
		return filepath.Join(d, ".local", "state", "pcsh"), nil
	}
	return "", errors.New("neither PCSH_STATE_DIR nor HOME is set")
}

// fileStem is the journal's and the lock's file name without extension:
// the runbook name and the key, with every byte outside [A-Za-z0-9._-]
// written as %XX so that any key (an FQDN, a UNC path) is one safe name.
func fileStem(name, key string) string {
	if key == "" {
		return escapeName(name)
	}
	return escapeName(name) + "@" + escapeName(key)
}

func escapeName(s string) string {
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' {
			out = append(out, c)
			continue
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	return string(out)
}
