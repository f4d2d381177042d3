package engine

import (
	"context"
	"os"
	"testing"
)

func TestRestartKeepsData(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	insertMsg(t, s, "mgc", "one")
	if err := i.Close(); err != nil {
		t.Fatal(err)
	}
	i = openTest(t, dir)
	defer i.Close()
	if got := rows(t, connect(t, i, "mgc"), "", "chat"); len(got) != 1 || got[0][1] != "one" {
		t.Fatalf("rows = %v", got)
	}
}

func TestCrashKeepsAcknowledgedCommits(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	for range 20 {
		insertMsg(t, s, "mgc", "x")
	}
	_ = s.Begin()
	insertMsg(t, s, "mgc", "uncommitted")
	if err := i.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	insertMsg(t, s, "mgc", "uncommitted too")
	i.crash()
	i = openTest(t, dir)
	defer i.Close()
	got := rows(t, connect(t, i, "master"), "mgc", "chat")
	if len(got) != 20 {
		t.Fatalf("after crash %d rows, want 20", len(got))
	}
	insertMsg(t, connect(t, i, "mgc"), "", "after")
	// Identity values of lost transactions are handed out again.
	if got := rows(t, connect(t, i, "master"), "mgc", "chat"); got[len(got)-1][0] != int64(21) {
		t.Fatalf("identity after recovery: %v", got[len(got)-1])
	}
}

func TestTornTailIgnored(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	for range 5 {
		insertMsg(t, s, "mgc", "x")
	}
	seg := joinPath(dir, segmentName(i.wal.seq-6))
	i.crash()
	fi, err := os.Stat(seg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(seg, fi.Size()-3); err != nil {
		t.Fatal(err)
	}
	i = openTest(t, dir)
	if got := rows(t, connect(t, i, "master"), "mgc", "chat"); len(got) != 4 {
		t.Fatalf("after torn tail %d rows, want 4", len(got))
	}
	insertMsg(t, connect(t, i, "master"), "mgc", "y")
	i.crash()
	i = openTest(t, dir)
	defer i.Close()
	if got := rows(t, connect(t, i, "master"), "mgc", "chat"); len(got) != 5 {
		t.Fatalf("after second recovery %d rows, want 5", len(got))
	}
}

func TestOpenTwiceFails(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	defer i.Close()
	if _, err := Open(Options{Dir: dir}); err == nil {
		t.Fatal("second Open of the same directory succeeded")
	}
}
