package engine

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// tornLab is a data directory whose instances check writes against a
// switchable full data disk and never checkpoint in the background.
type tornLab struct {
	dir   string
	write faultSwitch
}

// newTornLab returns a tornLab in a new directory.
func newTornLab(t *testing.T) *tornLab {
	l := &tornLab{dir: filepath.Join(t.TempDir(), "data")}
	l.write.dir = l.dir
	return l
}

// open opens the instance, failing the test on error.
func (l *tornLab) open(t *testing.T) *Instance {
	t.Helper()
	i, err := Open(Options{Name: "LAB1", Dir: l.dir, Now: fixedClock(), CheckWrite: l.write.check,
		CheckpointWALBytes: -1, CheckpointRetry: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// chatMessages returns the msg column of mgc's chat rows.
func chatMessages(t *testing.T, i *Instance) []string {
	t.Helper()
	var out []string
	for _, r := range rows(t, connect(t, i, "master"), "mgc", "chat") {
		out = append(out, r[1].(string))
	}
	return out
}

// wantMessages fails unless mgc holds exactly want, in order.
func wantMessages(t *testing.T, i *Instance, when string, want ...string) {
	t.Helper()
	if got := chatMessages(t, i); !slices.Equal(got, want) {
		t.Fatalf("%s: rows %q, want %q", when, got, want)
	}
}

// tear cuts the last n bytes off the file at path, as a power loss
// during its last write would.
func tear(t *testing.T, path string, n int64) {
	t.Helper()
	fi, err := os.Stat(path)
	must(t, err)
	must(t, os.Truncate(path, fi.Size()-n))
}

// TestTornTailThenDeferredCheckpointKeepsLaterCommits reproduces issue 9
// item 6: a power loss tears the last frame of the log; the restart
// cannot checkpoint (the data disk is full), so the torn segment stays;
// a commit acknowledged after that restart must survive the next crash.
func TestTornTailThenDeferredCheckpointKeepsLaterCommits(t *testing.T) {
	l := newTornLab(t)
	i := l.open(t)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	for _, m := range []string{"a", "b", "torn"} {
		insertMsg(t, s, "mgc", m)
	}
	seg := i.wal.f.Name()
	i.crash()
	tear(t, seg, 3)

	l.write.set(diskFull)
	i = l.open(t) // the recovery checkpoint is deferred
	wantMessages(t, i, "after the torn write", "a", "b")
	if _, err := os.Stat(seg); err != nil {
		t.Fatalf("the deferred checkpoint removed the torn segment: %v", err)
	}
	l.write.set(nil)
	insertMsg(t, connect(t, i, "master"), "mgc", "acked")
	i.crash()

	l.write.set(diskFull)
	i = l.open(t)
	wantMessages(t, i, "after the crash", "a", "b", "acked")
	l.write.set(nil)
	insertMsg(t, connect(t, i, "master"), "mgc", "later")
	i.crash()
	i = l.open(t) // this recovery checkpoints
	wantMessages(t, i, "after a checkpointed recovery", "a", "b", "acked", "later")
	must(t, i.Close())
}
