package engine

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"pcsh/modules/lab/disk"
)

// fullDisk refuses every write with ENOSPC while full is set.
type fullDisk struct{ full atomic.Bool }

func (f *fullDisk) check(string) error {
	if f.full.Load() {
		return syscall.ENOSPC
	}
	return nil
}

// TestBackupLogFSDiskFull: a failed write raises 3202 with OS error 112
// then 3013, leaves the chain where it was, and the next backup covers
// the log the failed one would have.
func TestBackupLogFSDiskFull(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f := &fullDisk{}
	i, err := Open(Options{Name: "LAB1", Dir: filepath.Join(dir, "i"), Now: fixedClock(),
		Disk: disk.FS{Faults: disk.Checks{Write: f.check}}})
	if err != nil {
		t.Fatal(err)
	}
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "db")
	if err := i.BackupDatabase(ctx, s, "db", filepath.Join(dir, "full.bak"), BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	before, err := i.LogChain("db")
	if err != nil || !before.Started {
		t.Fatalf("chain %+v %v", before, err)
	}
	insertMsg(t, s, "db", "x")
	f.full.Store(true)
	path := filepath.Join(dir, "db_1.trn")
	err = i.BackupLog(ctx, s, "db", path, BackupOptions{})
	es := SQLErrors(err)
	if len(es) != 2 || es[0].Number != 3202 || !strings.Contains(es[0].Message, "112(There is not enough space on the disk.)") ||
		es[1].Number != 3013 {
		t.Fatalf("errors %v", es)
	}
	if after, _ := i.LogChain("db"); after.LogBackupLSN != before.LogBackupLSN {
		t.Fatalf("chain moved on a failed backup: %+v → %+v", before, after)
	}
	f.full.Store(false)
	if err := i.BackupLog(ctx, s, "db", path, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	rel, err := i.RestoreHeaderOnly(path)
	if err != nil || Len(rel) != 1 {
		t.Fatalf("header %v", err)
	}
}

// TestConnectInternal: an internal session is listed with its program
// name and starts in msdb.
func TestConnectInternal(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := i.ConnectInternal("sa", "SQLAgent - Generic Refresher")
	defer s.Close()
	found := false
	for _, info := range i.Sessions() {
		found = found || info.ProgramName == "SQLAgent - Generic Refresher" && info.Database == "msdb"
	}
	if !found {
		t.Fatal("internal session not listed")
	}
}
