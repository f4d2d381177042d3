package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pcsh/modules/lab/disk"
)

// quotedErr is an OS error already quoted as SQL Server quotes it, as the
// lab's fault plan returns them.
type quotedErr string

func (e quotedErr) Error() string { return string(e) }

const (
	diskFull = quotedErr("112(There is not enough space on the disk.)")
	netPath  = quotedErr("53(The network path was not found.)")
)

// uncMap maps \\fs\share\NAME to root/NAME, as share.Map does.
func uncMap(root string) func(string) string {
	return func(p string) string {
		if rest, ok := strings.CutPrefix(p, `\\fs\share\`); ok {
			return filepath.Join(root, rest)
		}
		return p
	}
}

// faultSwitch is a path check that fails with its error, while one is
// set, every path under dir (every path when dir is empty).
type faultSwitch struct {
	mu  sync.Mutex
	err error
	dir string
}

func (f *faultSwitch) set(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

func (f *faultSwitch) check(path string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !strings.HasPrefix(path, f.dir) {
		return nil
	}
	return f.err
}

// deviceLab is an instance with database db whose device paths map
// \\fs\share\NAME to share/NAME and whose checks are the switches'.
type deviceLab struct {
	i           *Instance
	s           *Session
	share       string
	write, read faultSwitch
}

// dev is the device the tests back db up to.
const dev = `\\fs\share\db.bak`

// newDeviceLab opens a deviceLab, closed at test end.
func newDeviceLab(t *testing.T) *deviceLab {
	t.Helper()
	l := &deviceLab{share: t.TempDir()}
	i, err := Open(Options{Name: "LAB1", Dir: filepath.Join(t.TempDir(), "data"), Now: fixedClock(),
		Disk: disk.FS{Map: uncMap(l.share), Faults: disk.Checks{Write: l.write.check, Read: l.read.check}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { i.Close() })
	l.i, l.s = i, connect(t, i, "master")
	setupDB(t, i, l.s, "db")
	return l
}

// backup backs db up to dev (appending).
func (l *deviceLab) backup(t *testing.T) {
	t.Helper()
	if err := l.i.BackupDatabase(context.Background(), l.s, "db", dev, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestBackupAndRestoreThroughMappedDevice: BACKUP and RESTORE name a UNC
// device; the file lands in the directory behind the share (not a file
// named with backslashes in the working directory) and errors name the
// device as given.
func TestBackupAndRestoreThroughMappedDevice(t *testing.T) {
	ctx, l := context.Background(), newDeviceLab(t)
	i, s := l.i, l.s
	insertMsg(t, s, "db", "x")
	l.backup(t)
	if _, err := os.Stat(filepath.Join(l.share, "db.bak")); err != nil {
		t.Fatalf("backup not in the share: %v", err)
	}
	if _, err := os.Stat(dev); err == nil {
		t.Fatalf("a file named %s was written in the working directory", dev)
	}
	l.backup(t)
	if rel, err := i.RestoreHeaderOnly(dev); err != nil || Len(rel) != 2 {
		t.Fatalf("appended set not read back through the share: %v", err)
	}
	if err := i.RestoreDatabase(ctx, s, "copy", dev, RestoreOptions{File: 1, Move: copyFiles}); err != nil {
		t.Fatal(err)
	}
	_, err := i.RestoreHeaderOnly(`\\fs\share\missing.bak`)
	if es := SQLErrors(err); len(es) == 0 || es[0].Number != 3201 || !strings.Contains(es[0].Message, `'\\fs\share\missing.bak'`) {
		t.Fatalf("missing device: %v", es)
	}
}

// TestDeviceFaults: a full disk fails BACKUP with 3202 quoting OS error
// 112, an unreachable share fails BACKUP (T-SQL or a log shipping job's,
// which is the same BACKUP LOG) and RESTORE with 3201 quoting OS error 53; each is followed by
// 3013.
func TestDeviceFaults(t *testing.T) {
	ctx, l := context.Background(), newDeviceLab(t)
	i, s, write, read := l.i, l.s, &l.write, &l.read
	l.backup(t)
	write.set(diskFull)
	wantChain(t, i.BackupDatabase(ctx, s, "db", dev, BackupOptions{}), 3202,
		`Write on "\\fs\share\db.bak" failed: 112(There is not enough space on the disk.)`, "BACKUP DATABASE")
	write.set(netPath)
	wantChain(t, i.BackupLog(ctx, s, "db", `\\fs\share\db.trn`, BackupOptions{}), 3201,
		`Cannot open backup device '\\fs\share\db.trn'. Operating system error 53(The network path was not found.).`, "BACKUP LOG")
	read.set(netPath)
	wantChain(t, i.RestoreDatabase(ctx, s, "copy", dev, RestoreOptions{}), 3201,
		`Cannot open backup device '\\fs\share\db.bak'. Operating system error 53(The network path was not found.).`, "RESTORE DATABASE")
	write.set(nil)
	read.set(nil)
	if err := i.BackupLog(ctx, s, "db", `\\fs\share\db.trn`, BackupOptions{}); err != nil {
		t.Fatalf("after the faults heal: %v", err)
	}
}

// wantChain checks an error chain: number with message, then 3013.
func wantChain(t *testing.T, err error, number int32, message, stmt string) {
	t.Helper()
	es := SQLErrors(err)
	if len(es) != 2 || es[0].Number != number || es[0].Message != message || es[1].Number != 3013 ||
		!strings.HasPrefix(es[1].Message, stmt) {
		t.Fatalf("errors %v, want %d %q then 3013", es, number, message)
	}
}

// TestFullDataDiskFailsLogging: with the data directory's disk full, a
// change cannot be logged: an autocommit INSERT and the COMMIT of an open
// transaction fail with 9002 (severity 17), the transaction is rolled
// back, a backup to another disk still completes, and writes work again
// once the disk has room.
func TestFullDataDiskFailsLogging(t *testing.T) {
	l := newDeviceLab(t)
	i, s, write := l.i, l.s, &l.write
	write.dir = i.opts.Dir
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	insertMsg(t, s, "db", "in flight")
	write.set(diskFull)
	err := s.Commit()
	es := SQLErrors(err)
	if len(es) != 1 || es[0].Number != 9002 || es[0].Severity != 17 ||
		!strings.HasPrefix(es[0].Message, "The transaction log for database 'db' is full due to '") {
		t.Fatalf("commit on a full disk: %v", es)
	}
	if s.TranCount() != 0 || len(rows(t, s, "db", "chat")) != 0 {
		t.Fatalf("the refused transaction must be rolled back: trancount %d rows %v", s.TranCount(), rows(t, s, "db", "chat"))
	}
	_, err = s.Insert(context.Background(), "db", "chat", []string{"msg"}, []Row{{"refused"}})
	wantErr(t, err, 9002)
	// BACKUP to the share still works; only its msdb history is refused.
	wantErr(t, l.i.BackupDatabase(context.Background(), s, "db", dev, BackupOptions{}), 3009)
	write.set(nil)
	insertMsg(t, s, "db", "after")
	if got := rows(t, s, "db", "chat"); len(got) != 1 {
		t.Fatalf("rows %v", got)
	}
}
