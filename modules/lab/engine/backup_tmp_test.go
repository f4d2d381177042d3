package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"pcsh/modules/lab/backupmedia"
	"pcsh/runtime/atomicfile"
)

// TestBackupRemovesStaleTempFiles: a temporary file a killed BACKUP left
// next to its target is removed by the next BACKUP to that target, which
// writes a valid file; the temporary files of live backups (of this
// target or another) and files that only look alike are left alone. (A
// live writer of another process, recognised by its lock, is
// disk.TestWriteAtomicRemovesStaleTemps's.)
func TestBackupRemovesStaleTempFiles(t *testing.T) {
	p := newLabPair(t)
	target := p.file("mgc.bak")
	stamp := func(d time.Duration) string {
		return strconv.FormatInt(time.Now().Add(-d).UnixNano(), 36)
	}

	// Live backups of this process: one to another target, one to the
	// same target.
	other := p.file("other.bak")
	otherP := liveTemp(t, other)
	sameP := liveTemp(t, target)

	// What a process killed in the middle of a backup leaves: a partial
	// file, complete or empty.
	stale := []string{target + ".tmp-" + stamp(time.Hour), target + ".tmp-" + stamp(time.Minute)}
	must(t, os.WriteFile(stale[0], []byte(backupmedia.Magic+"half a backup"), 0o644))
	must(t, os.WriteFile(stale[1], nil, 0o644))

	// Files that are not temporary files of the target.
	keep := []string{p.file("mgc.bak.tmp-NOTOURS"), p.file("mgc.bak.tmp-1.x"), p.file("mgc.bak.tmp-"),
		p.file("mgc.bak.old"), p.file("xmgc.bak.tmp-" + stamp(time.Hour))}
	for _, k := range keep {
		must(t, os.WriteFile(k, []byte("user data"), 0o644))
	}

	must(t, p.prim.BackupDatabase(context.Background(), p.ps, "mgc", target, BackupOptions{Init: true}))

	for _, s := range stale {
		if _, err := os.Stat(s); !os.IsNotExist(err) {
			t.Errorf("stale %s still there after BACKUP (%v)", filepath.Base(s), err)
		}
	}
	live := append([]string{otherP.Name(), sameP.Name()}, keep...)
	for _, k := range live {
		if _, err := os.Stat(k); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(k), err)
		}
	}
	msg, err := p.prim.RestoreVerifyOnly(target, RestoreOptions{})
	must(t, err)
	if msg.Message != "The backup set on file 1 is valid." {
		t.Fatal(msg.Message)
	}

	// The live backups still finish: one is renamed into place, one
	// fails and removes its file.
	if _, err := otherP.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	must(t, otherP.Finish(nil))
	if b, err := os.ReadFile(other); err != nil || string(b) != "x" {
		t.Fatalf("other target after rename: %q %v", b, err)
	}
	if err := sameP.Finish(os.ErrClosed); err != os.ErrClosed {
		t.Fatalf("failed write: %v", err)
	}
	if _, err := os.Stat(sameP.Name()); !os.IsNotExist(err) {
		t.Fatalf("failed backup left %s (%v)", filepath.Base(sameP.Name()), err)
	}
	msg, err = p.prim.RestoreVerifyOnly(target, RestoreOptions{})
	must(t, err)
	if msg.Message != "The backup set on file 1 is valid." {
		t.Fatal(msg.Message)
	}
}

// liveTemp starts a backup's temporary file for target as writeBackupFile
// does and ends it when the test ends if the test did not finish it.
func liveTemp(t *testing.T, target string) *atomicfile.Pending {
	t.Helper()
	pending, err := atomicfile.Create(target, 0o644)
	must(t, err)
	t.Cleanup(func() { _ = pending.Finish(os.ErrClosed) })
	return pending
}
