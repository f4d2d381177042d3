package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/modules/lab/disk"
)

// TestBackupDirsConfineDevices: with Options.Disk.Dirs, BACKUP and
// RESTORE open devices only inside those directories; elsewhere, through
// "..", through a symbolic link (to a directory or dangling) they raise
// 3201 "Cannot open backup device '…'. Operating system error
// 5(Access is denied.)." (then 3013), and a STANDBY undo file outside
// fails the restore (3170). Source: SQL Server writes only where its
// service account may; error 3201's text as the docs print it.
func TestBackupDirsConfineDevices(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	allowed, outside := filepath.Join(root, "allowed"), filepath.Join(root, "outside")
	for _, d := range []string{allowed, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	i, err := Open(Options{Name: "LAB1", Dir: filepath.Join(root, "data"), Now: fixedClock(), Disk: disk.FS{Dirs: []string{allowed}}})
	if err != nil {
		t.Fatal(err)
	}
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "db")
	inside := filepath.Join(allowed, "db.bak")
	if err := i.BackupDatabase(ctx, s, "db", inside, BackupOptions{}); err != nil {
		t.Fatalf("backup inside the backup directory: %v", err)
	}
	// A valid backup outside, put there by someone else.
	b, _ := os.ReadFile(inside)
	if err := os.WriteFile(filepath.Join(outside, "db.bak"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(allowed, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "new.bak"), filepath.Join(allowed, "dangling.bak")); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		filepath.Join(outside, "db.bak"),
		allowed + "/../outside/db.bak",
		filepath.Join(allowed, "link", "db.bak"),
		filepath.Join(allowed, "dangling.bak"),
	} {
		want := "Cannot open backup device '" + path + "'. Operating system error 5(Access is denied.)."
		es := SQLErrors(i.BackupDatabase(ctx, s, "db", path, BackupOptions{}))
		if len(es) != 2 || es[0].Number != 3201 || es[0].Message != want || es[1].Number != 3013 {
			t.Errorf("BACKUP TO DISK = %s: %v", path, es)
		}
		if _, err := i.RestoreHeaderOnly(path); ErrorNumber(err) != 3201 || !strings.Contains(err.Error(), "5(Access is denied.)") {
			t.Errorf("RESTORE HEADERONLY FROM DISK = %s: %v", path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(outside, "new.bak")); !os.IsNotExist(err) {
		t.Error("a backup was written through the dangling link")
	}
	err = i.RestoreDatabase(ctx, s, "db2", inside, RestoreOptions{Standby: filepath.Join(outside, "db2.tuf"),
		Move: map[string]string{"db": filepath.Join(allowed, "db2.mdf"), "db_log": filepath.Join(allowed, "db2.ldf")}})
	if n := SQLErrors(err); len(n) == 0 || n[0].Number != 3170 {
		t.Errorf("RESTORE WITH STANDBY outside: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "db2.tuf")); !os.IsNotExist(err) {
		t.Error("the undo file was written outside the backup directories")
	}
}
