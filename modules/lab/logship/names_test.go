package logship

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestBackupFileNameRefusesPathsInDatabaseNames: a database name with a
// slash, a backslash or ".." names no log backup file; ordinary names,
// dots included, do.
func TestBackupFileNameRefusesPathsInDatabaseNames(t *testing.T) {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	if name, err := backupFileName("mgc.v2", at); err != nil || name != "mgc.v2_20240102030405.trn" {
		t.Fatalf("mgc.v2: %q %v", name, err)
	}
	for _, db := range []string{"../mgc", `..\mgc`, "a/b", `a\b`, "..", "x..y"} {
		if name, err := backupFileName(db, at); err == nil || !strings.Contains(err.Error(), "path separator or '..'") {
			t.Errorf("%q: %q %v", db, name, err)
		}
	}
}

// TestBackupJobRefusesPathInDatabaseName: the backup job of a database
// named "../escaped" fails, says why in the error detail and writes no
// file outside (or inside) its backup directory.
func TestBackupJobRefusesPathInDatabaseName(t *testing.T) {
	const db = "../escaped"
	p := openNode(t, "P1", Options{})
	cfg := newConfig(t, db, 1)
	if err := os.MkdirAll(cfg.share, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := p.inst.CreateDatabase(db); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(cfg.share, "full.bak")
	if err := p.inst.BackupDatabase(context.Background(), p.sess, db, full, engine.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	setupPrimary(t, p, cfg)
	if out := p.runJob(t, p.jobID(t, "LSBackup_"+db)); out.Succeeded {
		t.Fatalf("the backup job succeeded: %+v", out)
	}
	if !contains(p.messages(t, "log_shipping_monitor_error_detail"), "cannot name a log backup file") {
		t.Fatalf("error detail %v", p.messages(t, "log_shipping_monitor_error_detail"))
	}
	parent, _ := os.ReadDir(filepath.Dir(cfg.share))
	inside, _ := os.ReadDir(cfg.share)
	if len(parent) != 1 || len(inside) != 1 {
		t.Fatalf("files beside the share %v, in it %v", parent, inside)
	}
}
