package lab

import (
	"os"
	"sync"
	"testing"
)

// backupRoots maps a test's name to its backup root.
var backupRoots sync.Map

// backupRoot is one directory per test that every lab instance the test
// serves may back up to (--backup-dir): BACKUP and RESTORE are confined
// to the data directory, the lab's directories and the --backup-dir ones.
func backupRoot(t testing.TB) string {
	t.Helper()
	if d, ok := backupRoots.Load(t.Name()); ok {
		return d.(string)
	}
	d, loaded := backupRoots.LoadOrStore(t.Name(), t.TempDir())
	if !loaded {
		t.Cleanup(func() { backupRoots.Delete(t.Name()) })
	}
	return d.(string)
}

// backupDir is a new directory under the test's backup root.
func backupDir(t testing.TB) string {
	t.Helper()
	d, err := os.MkdirTemp(backupRoot(t), "backup")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
