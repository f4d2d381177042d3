package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestBackupRemovesStaleTempFiles: a temporary file a killed BACKUP left
// next to its target is removed by the next BACKUP to that target, which
// writes a valid file; the temporary files of live backups (of this
// target or another, registered in this process or locked by another)
// and files that only look alike are left alone.
func TestBackupRemovesStaleTempFiles(t *testing.T) {
	p := newLabPair(t)
	target := p.file("mgc.bak")
	stamp := func(d time.Duration) string {
		return strconv.FormatInt(time.Now().Add(-d).UnixNano(), 36)
	}

	// What a process killed in the middle of a backup leaves: a partial
	// file, complete or empty.
	stale := []string{target + ".tmp-" + stamp(time.Hour), target + ".tmp-" + stamp(time.Minute)}
	must(t, os.WriteFile(stale[0], []byte(backupMagic+"half a backup"), 0o644))
	must(t, os.WriteFile(stale[1], nil, 0o644))

	// Live backups of this process: one to another target, one to the
	// same target.
	other := p.file("other.bak")
	otherTmp, otherF := liveTemp(t, other)
	sameTmp, sameF := liveTemp(t, target)

	// Files that are not temporary files of the target.
	keep := []string{p.file("mgc.bak.tmp-NOTOURS"), p.file("mgc.bak.tmp-1.x"), p.file("mgc.bak.tmp-"),
		p.file("mgc.bak.old"), p.file("xmgc.bak.tmp-" + stamp(time.Hour))}
	for _, k := range keep {
		must(t, os.WriteFile(k, []byte("user data"), 0o644))
	}

	// A live backup of another process: its file is locked, not
	// registered here (where there is flock).
	var foreign string
	if lockingBackupTemps {
		foreign = target + ".tmp-" + stamp(time.Second)
		must(t, os.WriteFile(foreign, []byte(backupMagic), 0o644))
		f, err := os.Open(foreign)
		must(t, err)
		defer f.Close()
		if lockBackupTemp(f) {
			t.Fatal("locking the foreign temporary file: busy")
		}
	}

	must(t, p.prim.BackupDatabase(context.Background(), p.ps, "mgc", target, BackupOptions{Init: true}))

	for _, s := range stale {
		if _, err := os.Stat(s); !os.IsNotExist(err) {
			t.Errorf("stale %s still there after BACKUP (%v)", filepath.Base(s), err)
		}
	}
	live := append([]string{otherTmp, sameTmp}, keep...)
	if foreign != "" {
		live = append(live, foreign)
	}
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
	if _, err := otherF.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	must(t, finishBackupTemp(otherF, otherTmp, other, nil))
	if b, err := os.ReadFile(other); err != nil || string(b) != "x" {
		t.Fatalf("other target after rename: %q %v", b, err)
	}
	if err := finishBackupTemp(sameF, sameTmp, target, os.ErrClosed); err != os.ErrClosed {
		t.Fatalf("failed write: %v", err)
	}
	if _, err := os.Stat(sameTmp); !os.IsNotExist(err) {
		t.Fatalf("failed backup left %s (%v)", filepath.Base(sameTmp), err)
	}
	msg, err = p.prim.RestoreVerifyOnly(target, RestoreOptions{})
	must(t, err)
	if msg.Message != "The backup set on file 1 is valid." {
		t.Fatal(msg.Message)
	}
}

// liveTemp starts a backup's temporary file for target as writeBackupFile
// does and closes it when the test ends if the test did not finish it.
func liveTemp(t *testing.T, target string) (string, *os.File) {
	t.Helper()
	tmp, f, err := createBackupTemp(target)
	must(t, err)
	t.Cleanup(func() {
		f.Close()
		liveBackupTemps.Delete(tempKey(tmp))
	})
	return tmp, f
}

// TestIsBackupTempOf pins which directory entries count as temporary
// files of a target.
func TestIsBackupTempOf(t *testing.T) {
	for name, want := range map[string]bool{
		"a.bak.tmp-" + strconv.FormatInt(time.Now().UnixNano(), 36): true,
		"a.bak.tmp-1":      true,
		"a.bak.tmp-":       false,
		"a.bak.tmp-0":      false,
		"a.bak.tmp-ABC":    false,
		"a.bak.tmp-1.tmp-": false,
		"a.bak.tmp-1x.y":   false,
		"b.bak.tmp-1":      false,
		"a.bak":            false,
		"xa.bak.tmp-1":     false,
	} {
		if got := isBackupTempOf(name, "a.bak"); got != want {
			t.Errorf("isBackupTempOf(%q) = %v, want %v", name, got, want)
		}
	}
}
