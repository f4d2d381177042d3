package logship

import (
	"os"
	"path/filepath"
	"testing"

	"pcsh/modules/lab/disk"
)

// A copy job killed mid-copy leaves "<file>.tmp-<stamp>" in the copy
// directory; the next copy of the same file removes it.
func TestOSFSWriteFileRemovesAKilledCopysTempFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "mgc_20261204091500.trn")
	stale := target + ".tmp-1a2b3c"
	other := filepath.Join(dir, "mgc_20261204091600.trn.tmp-1a2b3d")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := (disk.FS{}).WriteFile(target, []byte("log backup")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "log backup" {
		t.Fatalf("target: %q, %v", b, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("the killed copy's temporary file is still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("another file's temporary file was removed: %v", err)
	}
}
