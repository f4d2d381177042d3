package exec

import (
	"path/filepath"
	"slices"
	"testing"
)

// Source: docs/t-sql/statements/restore-statements-filelistonly-transact-sql.md
// (the result set's columns, in order).
var fileListColumns = []string{"LogicalName", "PhysicalName", "Type", "FileGroupName", "Size", "MaxSize",
	"FileID", "CreateLSN", "DropLSN", "UniqueID", "ReadOnlyLSN", "ReadWriteLSN", "BackupSizeInBytes",
	"SourceBlockSize", "FileGroupID", "LogGroupGUID", "DifferentialBaseLSN", "DifferentialBaseGUID",
	"IsReadOnly", "IsPresent", "TDEThumbprint", "SnapshotURL"}

func TestRestoreFileListOnlyColumnsAndRows(t *testing.T) {
	l := startLab(t)
	db := l.open(t, "master")
	mustExec(t, db, "CREATE DATABASE mgc")
	path := filepath.Join(t.TempDir(), "mgc.bak")
	mustExec(t, db, "BACKUP DATABASE mgc TO DISK = @p1 WITH INIT", path)
	rows, err := db.Query("RESTORE FILELISTONLY FROM DISK = @p1", path)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil || !slices.Equal(cols, fileListColumns) {
		t.Fatalf("FILELISTONLY columns %v (%v), want %v", cols, err, fileListColumns)
	}
	files := queryMap(t, db, "RESTORE FILELISTONLY FROM DISK = @p1", path)
	if len(files) != 2 || files[0]["Type"] != "D" || files[1]["Type"] != "L" ||
		files[0]["FileGroupName"] != "PRIMARY" || files[1]["FileGroupName"] != "<nil>" {
		t.Fatalf("FILELISTONLY rows: %v", files)
	}
}
