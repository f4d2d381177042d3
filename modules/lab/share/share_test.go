package share

import (
	"path/filepath"
	"testing"
)

func TestLocal(t *testing.T) {
	m := Map{Root: "/lab/shares"}
	for in, want := range map[string]string{
		`\\FS.lab.local\PChatLogs\mgc_20240101.trn`: "/lab/shares/fs.lab.local/pchatlogs/mgc_20240101.trn",
		`\\fs.lab.local\pchatlogs`:                  "/lab/shares/fs.lab.local/pchatlogs",
		`\\fs.lab.local\pchatlogs\..\..\etc\passwd`: "/lab/shares/fs.lab.local/pchatlogs/etc/passwd",
		"/var/backups/x.bak":                        "/var/backups/x.bak",
		`D:\PChatLogCopy\x.trn`:                     `D:\PChatLogCopy\x.trn`,
	} {
		if got := m.Local(in); got != filepath.FromSlash(want) {
			t.Errorf("Local(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (Map{}).Local(`\\h\s\x`); got != `\\h\s\x` {
		t.Errorf("no root must leave paths alone: %q", got)
	}
}
