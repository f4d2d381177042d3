package logship

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestBackupRetentionDeletesOldFiles: each backup job run deletes the
// database's log backup files older than @backup_retention_period
// minutes (by the time in the file name) and logs it; younger files stay.
// Source: sp_add_log_shipping_primary_database (@backup_retention_period
// "is the length of time, in minutes, to retain the log backup file in
// the backup directory on the primary server"); anchors §2.9 ("Each run
// also deletes files past the retention period").
func TestBackupRetentionDeletesOldFiles(t *testing.T) {
	pr := newPair(t, true)
	pr.p.must(t, "sp_change_log_shipping_primary_database", arg("@database", "mgc"), arg("@backup_retention_period", int64(10)))
	backup := func() {
		t.Helper()
		if out := pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc")); !out.Succeeded {
			t.Fatalf("backup job: %+v", out)
		}
	}
	pr.clock.Advance(time.Second) // 10:00:01
	pr.p.insert(t, "mgc", "a")
	backup()
	pr.clock.Advance(5 * time.Minute) // 10:05:01
	pr.p.insert(t, "mgc", "b")
	backup()
	first, second := filepath.Join(pr.cfg.share, "mgc_20240506100001.trn"), filepath.Join(pr.cfg.share, "mgc_20240506100501.trn")
	if !exists(first) || !exists(second) {
		t.Fatal("backup files missing before the retention period passed")
	}

	pr.clock.Advance(6 * time.Minute) // 10:11:01: the first file is 11 minutes old
	backup()
	if exists(first) {
		t.Fatalf("%s is older than the 10-minute retention and was kept", first)
	}
	if !exists(second) {
		t.Fatalf("%s is 6 minutes old and was deleted", second)
	}
	if !contains(pr.p.messages(t, "log_shipping_monitor_history_detail"), "Deleted old log backup file. File: '"+first+"'") {
		t.Fatal("the deletion is not in the backup job's history")
	}
}

// TestCopyRetentionKeepsUnrestoredFiles: the copy job deletes copied files
// older than @file_retention_period minutes, but not the last restored
// one nor one the restore job has not applied yet. Source:
// sp_add_log_shipping_secondary_primary (@file_retention_period: "The
// length of time, in minutes, that a backup file is retained on the
// secondary server in the path specified by the
// @backup_destination_directory parameter before being deleted.");
// DEVIATIONS.md ("the copy job's retention keeps files not yet
// restored").
func TestCopyRetentionKeepsUnrestoredFiles(t *testing.T) {
	pr := newPair(t, true)
	pr.s.must(t, "sp_change_log_shipping_secondary_primary", arg("@primary_server", "P1"), arg("@primary_database", "mgc"),
		arg("@file_retention_period", int64(10)))
	for _, msg := range []string{"a", "b"} {
		pr.p.insert(t, "mgc", msg)
		pr.cycle(t) // backups at 10:00:01 and 10:00:03, each copied and restored
	}
	pr.p.insert(t, "mgc", "c")
	pr.clock.Advance(time.Second)
	pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc")) // 10:00:05, copied below but not restored
	pr.s.runJob(t, pr.s.jobID(t, "LSCopy_P1_mgc"))
	file := func(stamp string) string { return filepath.Join(pr.cfg.copyDir, "mgc_20240506"+stamp+".trn") }
	old, last, pending := file("100001"), file("100003"), file("100005")
	for _, f := range []string{old, last, pending} {
		if !exists(f) {
			t.Fatalf("%s missing before the retention period passed", f)
		}
	}

	pr.clock.Advance(20 * time.Minute)
	pr.s.runJob(t, pr.s.jobID(t, "LSCopy_P1_mgc"))
	if exists(old) {
		t.Fatalf("%s was restored and is past retention, but kept", old)
	}
	if !exists(last) || !exists(pending) {
		t.Fatalf("the last restored file or the unrestored one was deleted (%v, %v)", exists(last), exists(pending))
	}
	if !contains(pr.s.messages(t, "log_shipping_monitor_history_detail"), "Deleted old log backup file. File: '"+old+"'") {
		t.Fatal("the deletion is not in the copy job's history")
	}
	pr.s.runJob(t, pr.s.jobID(t, "LSRestore_P1_mgc"))
	if !pr.s.has("mgc", "c") {
		t.Fatal("the kept file did not restore")
	}
}

// TestRestoreDisconnectsUsers: with @disconnect_users = 1 the restore job
// ends the sessions using the STANDBY secondary database before it
// restores, and the rows arrive. Source: sp_add_log_shipping_secondary_
// database (@disconnect_users: "If set to 1, users are disconnected from
// the secondary database when a restore operation is performed").
func TestRestoreDisconnectsUsers(t *testing.T) {
	pr := newPair(t, true) // setupSecondary sets @disconnect_users = 1
	reader, err := pr.s.inst.Connect(engine.LoginRequest{Login: "sa", Database: "mgc", AppName: "report"})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := reader.Relation("mgc", "chat"); err != nil {
		t.Fatalf("reading the standby database: %v", err)
	}
	other, err := pr.s.inst.Connect(engine.LoginRequest{Login: "sa", AppName: "elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	pr.p.insert(t, "mgc", "shipped")
	if _, _, r := pr.cycle(t); !r.Succeeded {
		t.Fatalf("restore job: %+v", r)
	}
	if _, err := reader.Relation("mgc", "chat"); !errors.Is(err, engine.ErrSessionKilled) {
		t.Fatalf("the session in mgc after the restore: %v, want it killed", err)
	}
	if _, err := other.Relation("master", "sys.databases"); err != nil {
		t.Fatalf("a session in another database was disconnected: %v", err)
	}
	if !pr.s.has("mgc", "shipped") {
		t.Fatal("row not restored")
	}
}

// TestRestoreWithoutDisconnectFailsWhileInUse: with @disconnect_users = 0
// a session in the secondary database keeps it, and the restore job fails
// with 3101 in the error detail until the session leaves. Sources:
// sp_add_log_shipping_secondary_database (@disconnect_users, default 0);
// database-engine-events-and-errors-3000-to-3999 (3101 "Exclusive access
// could not be obtained because the database is in use.").
func TestRestoreWithoutDisconnectFailsWhileInUse(t *testing.T) {
	pr := newPair(t, true)
	pr.s.must(t, "sp_change_log_shipping_secondary_database", arg("@secondary_database", "mgc"), arg("@disconnect_users", int64(0)))
	reader, err := pr.s.inst.Connect(engine.LoginRequest{Login: "sa", Database: "mgc", AppName: "report"})
	if err != nil {
		t.Fatal(err)
	}
	pr.p.insert(t, "mgc", "waits")
	if _, _, r := pr.cycle(t); r.Succeeded {
		t.Fatal("the restore job succeeded while a session used the database")
	}
	if !contains(pr.s.messages(t, "log_shipping_monitor_error_detail"), "Exclusive access could not be obtained because the database is in use.") {
		t.Fatalf("error detail %v, want 3101", pr.s.messages(t, "log_shipping_monitor_error_detail"))
	}
	if _, err := reader.Relation("mgc", "chat"); err != nil {
		t.Fatalf("the session was disconnected with @disconnect_users = 0: %v", err)
	}
	reader.Close()
	if r := pr.s.runJob(t, pr.s.jobID(t, "LSRestore_P1_mgc")); !r.Succeeded || !pr.s.has("mgc", "waits") {
		t.Fatalf("restore after the session left: %+v", r)
	}
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
