package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteAtomicFailureKeepsOldFile: a write that fails half-way (after
// some bytes reached the temporary file) leaves the old file as it was
// and no temporary file behind; a write that succeeds replaces it with
// the mode asked for.
func TestWriteAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	must(t, WriteFileAtomic(path, []byte("old"), 0o600))
	broken := errors.New("disk: test write failed")
	err := WriteAtomic(path, 0o644, func(w io.Writer) error {
		if _, err := w.Write([]byte("half of the new")); err != nil {
			return err
		}
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("WriteAtomic = %v, want the write's error", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "old" {
		t.Fatalf("after a failed write the file holds %q (%v)", b, err)
	}
	onlyFile(t, dir, "state.json")
	must(t, WriteFileAtomic(path, []byte("new"), 0o644))
	if b, err := os.ReadFile(path); err != nil || string(b) != "new" {
		t.Fatalf("after the write the file holds %q (%v)", b, err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&^0o022 != 0o644&^0o022 {
		t.Fatalf("mode %v (%v)", st.Mode(), err)
	}
	onlyFile(t, dir, "state.json")
}

// TestWriteAtomicMissingDirectory: a target in a directory that does not
// exist fails with the open error and creates nothing.
func TestWriteAtomicMissingDirectory(t *testing.T) {
	err := WriteFileAtomic(filepath.Join(t.TempDir(), "no", "such.json"), []byte("x"), 0o644)
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("WriteFileAtomic = %v, want not exist", err)
	}
}

// onlyFile fails unless dir holds exactly the file name.
func onlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("directory holds %v, want only %s", names, name)
	}
}
