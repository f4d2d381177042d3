package engine

import (
	"context"
	"testing"
)

// copyFiles moves database db's files (newDeviceLab's) out of its way, as
// restoring a copy on the same instance needs (WITH MOVE).
var copyFiles = map[string]string{"db": "copy.mdf", "db_log": "copy_log.ldf"}

// TestRestoreRefusesFilesInUse: restoring a copy onto the files of the
// database it was backed up from raises 1834 and 3156 for each file, 3119
// and 3013, and creates nothing; WITH MOVE of one file leaves the other
// refused; replacing the database itself may reuse its files.
func TestRestoreRefusesFilesInUse(t *testing.T) {
	ctx, l := context.Background(), newDeviceLab(t)
	l.backup(t)
	err := l.i.RestoreDatabase(ctx, l.s, "copy", dev, RestoreOptions{})
	wantNumbers(t, err, 1834, 3156, 1834, 3156, 3119, 3013)
	if e := SQLErrors(err)[0]; e.Message != "The file '"+joinPath(l.i.Dir(), "db.mdf")+"' cannot be overwritten.  It is being used by database 'db'." {
		t.Fatalf("1834 text %q", e.Message)
	}
	if _, err := l.i.Database("copy"); err == nil {
		t.Fatal("copy exists after a refused RESTORE")
	}
	err = l.i.RestoreDatabase(ctx, l.s, "copy", dev, RestoreOptions{Move: map[string]string{"db": "copy.mdf"}})
	wantNumbers(t, err, 1834, 3156, 3119, 3013)
	must(t, l.i.RestoreDatabase(ctx, l.s, "copy", dev, RestoreOptions{Move: copyFiles}))
	must(t, l.i.RestoreDatabase(ctx, l.s, "db", dev, RestoreOptions{Replace: true}))
}
