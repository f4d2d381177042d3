package engine

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pcsh/modules/lab/bincode"
	"pcsh/modules/lab/disk"
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
	i, err := Open(Options{Name: "LAB1", Dir: l.dir, Now: fixedClock(), Disk: disk.FS{Faults: disk.Checks{Write: l.write.check}},
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

// segmentedLog writes mgc's chat rows in groups, one WAL segment per
// group, in a new tornLab, then crashes; it returns the lab and the
// segment files in order. Two logs built from groups that agree up to a
// row number that row in the same record.
func segmentedLog(t *testing.T, groups ...[]string) (*tornLab, []string) {
	t.Helper()
	l := newTornLab(t)
	i := l.open(t)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	var segs []string
	for k, g := range groups {
		if k > 0 {
			_, err := i.wal.rotate()
			must(t, err)
		}
		segs = append(segs, i.wal.f.Name())
		for _, m := range g {
			insertMsg(t, s, "mgc", m)
		}
	}
	i.crash()
	return l, segs
}

// lastFrame returns the last whole frame of the segment at path.
func lastFrame(t *testing.T, path string) []byte {
	t.Helper()
	b := mustRead(t, path)
	var last []byte
	for len(b) > 0 {
		_, rest, ok := bincode.ReadFrame(b, bincode.CRCTable())
		if !ok {
			t.Fatalf("%s: torn frame", path)
		}
		last, b = b[:len(b)-len(rest)], rest
	}
	return last
}

// appendTo appends parts to the file at path.
func appendTo(t *testing.T, path string, parts ...[]byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	for _, p := range parts {
		_, err = f.Write(p)
		must(t, err)
	}
	must(t, f.Close())
}

// TestTornMiddleSegment: a torn frame (or a stale whole frame left behind
// a cut) at the end of a segment that has successors ends that segment,
// not the log: every row of the later segments is recovered, the stale
// record is not, and the segment is cut back to its good frames.
func TestTornMiddleSegment(t *testing.T) {
	groups := [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}}
	// The record the third segment starts with, holding another row.
	_, other := segmentedLog(t, groups[0], groups[1], []string{"stale"})
	stale := lastFrame(t, other[2])
	for _, tc := range []struct {
		name string
		tail [][]byte
	}{
		{"torn frame then stale frame", [][]byte{stale[:len(stale)-2], stale}},
		{"stale frame", [][]byte{stale}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, segs := segmentedLog(t, groups...)
			good := mustRead(t, segs[1])
			appendTo(t, segs[1], tc.tail...)
			l.write.set(diskFull) // keep the segments: no checkpoint
			i := l.open(t)
			want := []string{"a", "b", "c", "d", "e", "f"}
			wantMessages(t, i, "after recovery", want...)
			if got := mustRead(t, segs[1]); !slices.Equal(got, good) {
				t.Fatalf("middle segment %d bytes after recovery, want its %d good ones", len(got), len(good))
			}
			l.write.set(nil)
			insertMsg(t, connect(t, i, "master"), "mgc", "g")
			i.crash()
			l.write.set(diskFull)
			i = l.open(t)
			defer i.Close()
			wantMessages(t, i, "after a second crash", append(want, "g")...)
		})
	}
}

// TestWALGapRefused: when a segment in the middle is missing, recovery
// fails instead of stopping at the gap, and leaves the later segments
// as they were.
func TestWALGapRefused(t *testing.T) {
	l, segs := segmentedLog(t, []string{"a"}, []string{"b"}, []string{"c"})
	must(t, os.Remove(segs[1]))
	last := mustRead(t, segs[2])
	i, err := Open(Options{Name: "LAB1", Dir: l.dir, Now: fixedClock()})
	if err == nil {
		wantMessages(t, i, "after a gap", "a", "b", "c")
		i.Close()
		t.Fatal("opened a log with a gap")
	}
	if !errors.Is(err, errCorrupt) {
		t.Fatalf("open with a gap: %v, want errCorrupt", err)
	}
	if !slices.Equal(mustRead(t, segs[2]), last) {
		t.Fatal("a refused recovery changed the segment after the gap")
	}
}

// TestSegmentNeverTruncated: starting a segment whose file exists fails
// and leaves the file as it was.
func TestSegmentNeverTruncated(t *testing.T) {
	dir := t.TempDir()
	path := joinPath(dir, segmentName(8))
	must(t, os.WriteFile(path, []byte("records"), 0o644))
	if w, err := openWAL(dir, 7); err == nil {
		w.close()
		t.Fatal("openWAL created a segment over an existing one")
	}
	if got := string(mustRead(t, path)); got != "records" {
		t.Fatalf("existing segment now holds %q", got)
	}
}
