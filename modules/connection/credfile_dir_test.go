package connection

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pcsh/runtime/atomicfile"
	"pcsh/runtime/cmdlet"
)

// TestCredentialDirWritableByOthersRefused: a 0600 file in a directory
// its group or others may write is refused for reading, and
// Set-PcSqlCredential does not write into such a directory.
func TestCredentialDirWritableByOthersRefused(t *testing.T) {
	for _, mode := range []os.FileMode{0o770, 0o707, 0o1777} {
		dir := filepath.Join(t.TempDir(), "pcsh")
		path := filepath.Join(dir, "sql-credentials.json")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(`{"default": {"user": "u", "password": "pw-dir-1"}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		_, err := ReadCredentialFile(OSFS{}, path, true)
		var rec *cmdlet.ErrorRecord
		if !errors.As(err, &rec) || rec.ErrorID != "CredentialDirectoryInsecure" || rec.Hint != "run: chmod 700 "+dir {
			t.Fatalf("mode %o: %v", mode, err)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		f := newFixture(t)
		f.m.FS = OSFS{}
		f.env[CredentialFileEnv] = path
		out := run(t, f, "Set-PcSqlCredential", named("User", "u", "Password", "pw-dir-2"))
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) || !strings.Contains(out, "other users can replace the file") {
			t.Fatalf("mode %o: Set-PcSqlCredential wrote the file (%v): %s", mode, err, out)
		}
	}
	if _, err := ReadCredentialFile(OSFS{}, filepath.Join(t.TempDir(), "none", "f.json"), true); err != nil {
		t.Fatalf("a missing directory: %v", err)
	}
}

// recordingOps performs the real steps and records their order.
type recordingOps struct {
	atomicfile.OS
	steps []string
}

func (r *recordingOps) SyncFile(f *os.File) error {
	r.steps = append(r.steps, "sync file")
	return r.OS.SyncFile(f)
}

func (r *recordingOps) SyncDir(dir string) error {
	r.steps = append(r.steps, "sync dir")
	return r.OS.SyncDir(dir)
}

func (r *recordingOps) Rename(from, to string) error {
	r.steps = append(r.steps, "rename")
	return r.OS.Rename(from, to)
}

// TestCredentialFileSyncedAroundRename: the temporary file is synced
// before the rename, and the directory before and after it.
func TestCredentialFileSyncedAroundRename(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d", "sql-credentials.json")
	ops := &recordingOps{}
	if err := replaceFile(ops, path, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if want := []string{"sync file", "sync dir", "rename", "sync dir"}; !slices.Equal(ops.steps, want) {
		t.Fatalf("steps %v, want %v", ops.steps, want)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", fi, err)
	}
	if entries, err := os.ReadDir(filepath.Dir(path)); err != nil || len(entries) != 1 {
		t.Fatalf("temporary files left: %v %v", entries, err)
	}
}
