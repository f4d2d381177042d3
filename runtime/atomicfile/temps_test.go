package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestWriteAtomicRemovesStaleTemps: a temporary file a killed writer left
// next to its target is removed by the next write of that target; the
// temporary files of live writers (of this target or another, registered
// in this process or locked by another) and files that only look alike
// are left alone. (That live writers still finish is
// engine.TestBackupRemovesStaleTempFiles's.)
func TestWriteAtomicRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "mgc.bak")
	stamp := func(d time.Duration) string { return strconv.FormatInt(time.Now().Add(-d).UnixNano(), 36) }

	other := filepath.Join(dir, "other.bak")
	otherP, sameP := livePending(t, other), livePending(t, target)
	stale := []string{target + ".tmp-" + stamp(time.Hour), target + ".tmp-" + stamp(time.Minute)}
	must(t, os.WriteFile(stale[0], []byte("half a file"), 0o644))
	must(t, os.WriteFile(stale[1], nil, 0o644))
	keep := []string{target + ".tmp-NOTOURS", target + ".tmp-1.x", target + ".tmp-", target + ".old",
		filepath.Join(dir, "xmgc.bak.tmp-"+stamp(time.Hour))}
	for _, k := range keep {
		must(t, os.WriteFile(k, []byte("user data"), 0o644))
	}
	if lockingTemps {
		foreign := target + ".tmp-" + stamp(time.Second)
		must(t, os.WriteFile(foreign, nil, 0o644))
		f, err := os.Open(foreign)
		must(t, err)
		defer f.Close()
		if lockTemp(f) {
			t.Fatal("locking the foreign temporary file: busy")
		}
		keep = append(keep, foreign)
	}

	must(t, WriteFileAtomic(target, []byte("new"), 0o644))

	for _, s := range stale {
		if _, err := os.Stat(s); !os.IsNotExist(err) {
			t.Errorf("stale %s still there after the write (%v)", filepath.Base(s), err)
		}
	}
	for _, k := range append(keep, otherP.Name(), sameP.Name()) {
		if _, err := os.Stat(k); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(k), err)
		}
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "new" {
		t.Fatalf("target: %q %v", b, err)
	}
}

// livePending starts an atomic write of target and ends it when the test
// ends if the test did not finish it.
func livePending(t *testing.T, target string) *Pending {
	t.Helper()
	p, err := createTemp(target, 0o644)
	must(t, err)
	t.Cleanup(func() {
		p.f.Close()
		liveTemps.Delete(tempKey(p.tmp))
	})
	return p
}

// TestIsTempOf pins which directory entries count as temporary files of a
// target.
func TestIsTempOf(t *testing.T) {
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
		if got := IsTempOf(name, "a.bak"); got != want {
			t.Errorf("IsTempOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
