package disk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"pcsh/runtime/atomicfile"
	"syscall"
	"testing"
)

// TestFSWriteFaultKeepsOldFile: a write the fault plan refuses comes back
// as an *fs.PathError (Op "write") wrapping the fault, and the file keeps
// its old contents with no temporary file beside it; without the fault
// the same write replaces it.
func TestFSWriteFaultKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mgc.bak")
	if err := atomicfile.WriteFileAtomic(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	full := true
	f := FS{Faults: Checks{Write: func(string) error {
		if full {
			return syscall.ENOSPC
		}
		return nil
	}}}
	var pe *fs.PathError
	if err := f.WriteFile(path, []byte("new")); !errors.As(err, &pe) || pe.Op != "write" || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("WriteFile under a full disk = %v", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "old" {
		t.Fatalf("after the refused write the file holds %q (%v)", b, err)
	}
	full = false
	if err := f.WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "new" {
		t.Fatalf("after the write the file holds %q (%v)", b, err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 1 {
		t.Fatalf("directory holds %v (%v), want only mgc.bak", entries, err)
	}
}
