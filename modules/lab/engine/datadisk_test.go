package engine

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pcsh/modules/lab/disk"
)

// fullDataDisk makes l's data directory (only) refuse writes with OS
// error 112.
func fullDataDisk(l *deviceLab) {
	l.write.mu.Lock()
	l.write.dir = l.i.Dir()
	l.write.mu.Unlock()
	l.write.set(diskFull)
}

// wantNumbers checks the numbers of the SQL errors err carries, in order.
func wantNumbers(t *testing.T, err error, want ...int32) {
	t.Helper()
	var got []int32
	for _, e := range SQLErrors(err) {
		got = append(got, e.Number)
	}
	if len(got) != len(want) {
		t.Fatalf("errors %v (%v), want %v", got, err, want)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("errors %v (%v), want %v", got, err, want)
		}
	}
}

// TestCreateDatabaseOnFullDataDisk: 5123 with OS error 112 for the
// primary file, then 1802; nothing is created.
func TestCreateDatabaseOnFullDataDisk(t *testing.T) {
	l := newDeviceLab(t)
	fullDataDisk(l)
	err := l.i.CreateDatabase("newdb")
	wantNumbers(t, err, 5123, 1802)
	want := "CREATE FILE encountered operating system error 112(There is not enough space on the disk.) while attempting to open or create the physical file '" + joinPath(l.i.Dir(), "newdb.mdf") + "'."
	if msg := SQLErrors(err)[0].Message; msg != want {
		t.Fatalf("5123 text %q, want %q", msg, want)
	}
	if _, err := l.i.Database("newdb"); err == nil {
		t.Fatal("newdb exists after a failed CREATE DATABASE")
	}
	wantNumbers(t, l.i.CreateDatabase("db"), 1801)
	l.write.set(nil)
	must(t, l.i.CreateDatabase("newdb"))
}

// TestRestoreDatabaseOnFullDataDisk: 3257 for the data volume, 3119,
// 3013; the target database does not appear.
func TestRestoreDatabaseOnFullDataDisk(t *testing.T) {
	ctx, l := context.Background(), newDeviceLab(t)
	insertMsg(t, l.s, "db", "x")
	l.backup(t)
	fullDataDisk(l)
	err := l.i.RestoreDatabase(ctx, l.s, "copy", dev, RestoreOptions{Move: copyFiles})
	wantNumbers(t, err, 3257, 3119, 3013)
	if msg := SQLErrors(err)[0].Message; !strings.HasPrefix(msg, "There is insufficient free space on disk volume '"+l.i.Dir()+"' to create the database.") ||
		!strings.HasSuffix(msg, "while only 0 bytes are available.") {
		t.Fatalf("3257 text %q", msg)
	}
	if _, err := l.i.Database("copy"); err == nil {
		t.Fatal("copy exists after a failed RESTORE")
	}
}

// TestHistoryOnFullDataDisk: with the data disk full but the share not,
// BACKUP writes the backup and moves the chain, then raises 3009 alone
// (no 3013); msdb has no history row for it.
func TestHistoryOnFullDataDisk(t *testing.T) {
	ctx, l := context.Background(), newDeviceLab(t)
	before := len(rows(t, l.s, "msdb", "backupset"))
	fullDataDisk(l)
	err := l.i.BackupDatabase(ctx, l.s, "db", dev, BackupOptions{})
	wantNumbers(t, err, 3009)
	if e := SQLErrors(err)[0]; e.Severity != 16 || !strings.HasSuffix(e.Message, "The backup/restore operation was still successful.") {
		t.Fatalf("3009: %+v", e)
	}
	if _, err := os.Stat(filepath.Join(l.share, "db.bak")); err != nil {
		t.Fatalf("backup file: %v", err)
	}
	l.write.set(nil)
	if got := len(rows(t, l.s, "msdb", "backupset")); got != before {
		t.Fatalf("backupset rows %d, want %d", got, before)
	}
	must(t, l.i.RestoreDatabase(ctx, l.s, "copy", dev, RestoreOptions{Move: copyFiles}))
}

// TestCheckpointOnFullDataDisk: a checkpoint the data disk refuses
// writes and removes nothing (ErrCheckpointDeferred); a crash then loses
// nothing, and the background checkpointer logs the failure and retries
// until the disk is healed.
func TestCheckpointOnFullDataDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var write faultSwitch
	write.dir = dir
	var mu sync.Mutex
	var logs []string
	opts := Options{Name: "LAB1", Dir: dir, Now: fixedClock(), Disk: disk.FS{Faults: disk.Checks{Write: write.check}},
		CheckpointRetry: 20 * time.Millisecond, Logf: func(f string, a ...any) {
			mu.Lock()
			defer mu.Unlock()
			logs = append(logs, f)
		}}
	i, err := Open(opts)
	must(t, err)
	s := connect(t, i, "master")
	setupDB(t, i, s, "db")
	insertMsg(t, s, "db", "kept")
	manifest, err := os.ReadFile(filepath.Join(dir, checkpointFile))
	must(t, err)
	segs, err := segmentStarts(dir)
	must(t, err)
	write.set(diskFull)
	if err := i.Checkpoint(context.Background()); !errors.Is(err, ErrCheckpointDeferred) || !strings.Contains(err.Error(), "112(There is not enough space on the disk.)") {
		t.Fatalf("checkpoint on a full disk: %v", err)
	}
	after, err := os.ReadFile(filepath.Join(dir, checkpointFile))
	must(t, err)
	segsAfter, err := segmentStarts(dir)
	must(t, err)
	if !bytes.Equal(manifest, after) || len(segs) != len(segsAfter) {
		t.Fatalf("a refused checkpoint changed the data dir: segments %v -> %v", segs, segsAfter)
	}
	// The background checkpointer fails, logs, and retries after heal.
	i.ckptKick <- struct{}{}
	waitUntil(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(logs) >= 2 })
	if !bytes.Equal(manifest, mustRead(t, filepath.Join(dir, checkpointFile))) {
		t.Fatal("background checkpoint wrote to a full disk")
	}
	i.crash()
	i, err = Open(opts) // recovery defers its checkpoint too
	must(t, err)
	s = connect(t, i, "master")
	if got := rows(t, s, "db", "chat"); len(got) != 1 {
		t.Fatalf("rows after crash on a full disk: %v", got)
	}
	i.ckptKick <- struct{}{}
	time.Sleep(50 * time.Millisecond)
	write.set(nil)
	waitUntil(t, func() bool { return !bytes.Equal(manifest, mustRead(t, filepath.Join(dir, checkpointFile))) })
	must(t, i.Close())
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
