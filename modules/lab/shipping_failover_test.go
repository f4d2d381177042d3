package lab

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// The log shipping end-to-end tests drive three served instances only
// through go-mssqldb: T-SQL and the msdb procedures, as an
// administrator's script would.

const (
	// shipInterval is the backup, copy and restore jobs' schedule.
	shipInterval = time.Second
	// shipPoll is how often the test looks for a row on the secondary.
	shipPoll = 10 * time.Millisecond
	// shipHang is how long a row may take to reach the secondary before
	// the test calls it lost. It is a hang guard, not a latency target
	// (that lives in BenchmarkShippingDelay, modules/lab/logship): a row
	// that no log backup holds never arrives, however long the wait.
	shipHang = 30 * shipInterval
)

// TestShippingFollowsMirrorFailover: principal DC1-SQL1 and mirror
// DC1-SQL2 of mgc (SAFETY FULL), log shipping to DC2-SQL1 in STANDBY from
// both partners through one share, every job every second. Rows committed
// on the principal reach the secondary; after ALTER DATABASE mgc SET
// PARTNER FAILOVER rows committed on the new principal still do, and so
// does the row committed just before the failover. How soon (two job
// intervals when the machine keeps up) is logged; it is measured by
// BenchmarkShippingDelay, not bounded here, since a loaded machine runs
// the Agent's schedules late. Sources: the
// issue's log shipping test; SQL docs "Database Mirroring and Log
// Shipping" (the mirror is configured as a primary with the same share;
// its backup job logs a message and succeeds while it is the mirror;
// "the secondary servers continue to copy log backups without knowing
// that a different server instance has become the primary server"); Lync
// "Setting up SQL Server Log Shipping between the primary mirror and the
// Log Shipping secondary database" (L6: fail over, run the primary half
// of the script on the mirror, fail back).
func TestShippingFollowsMirrorFailover(t *testing.T) {
	if testing.Short() {
		t.Skip("serves three lab instances and waits on Agent schedules")
	}
	p, m, s := serveMirroring(t, "DC1-SQL1"), serveMirroring(t, "DC1-SQL2"), serveMirroring(t, "DC2-SQL1")
	share, copyDir := backupDir(t), backupDir(t)
	mirrorDatabase(t, p, m, nil, "mgc")
	seedStandby(t, p, s, share, copyDir)
	addShippingPrimary(t, p, share, s.name)
	addShippingSecondary(t, s, p.name, share, copyDir)

	// L6: the mirror becomes a log shipping primary while it is the
	// principal, then the session fails back.
	failover(t, p, m)
	addShippingPrimary(t, m, share, s.name)
	failover(t, m, p)

	pdb, mdb := p.open(t, "mgc", nil), m.open(t, "mgc", nil)
	shipRows(t, pdb, p, s, "before")
	waitUntil(t, 5*time.Second, "DC1-SQL2's backup job logs 32008", func() bool {
		return loggedNotOnline(m)
	})
	// A row committed on the principal just after its backup job fired
	// and just before the failover is in no backup of DC1-SQL1: the new
	// principal's first log backup ships it.
	time.Sleep(untilSlotOffset(time.Now(), 50*time.Millisecond))
	last := commit(t, pdb, p, "at failover")
	failover(t, p, m)
	awaitShipped(t, s, "at failover", last)
	awaitShipped(t, s, "after", commit(t, mdb, m, "after"))
	shipRows(t, mdb, m, s, "after")
	waitUntil(t, 5*time.Second, "DC1-SQL1's backup job logs 32008", func() bool {
		return loggedNotOnline(p)
	})
	for _, n := range []*served{p, m, s} {
		if msg := failedStep(t, n); msg != "" {
			t.Errorf("%s: a job step failed: %s", n.name, msg)
		}
	}
}

// seedStandby initializes the secondary as the SSMS wizard does: a full
// backup of the principal restored WITH STANDBY on s.
func seedStandby(t *testing.T, p, s *served, dir, copyDir string) {
	t.Helper()
	full := filepath.Join(dir, "mgc_full.bak")
	p.exec(t, "BACKUP DATABASE mgc TO DISK = N'"+full+"' WITH INIT")
	s.exec(t, "RESTORE DATABASE mgc FROM DISK = N'"+full+"' WITH STANDBY = N'"+filepath.Join(copyDir, "mgc.tuf")+"'")
}

// everySecond are sp_add_schedule's arguments for a job running every
// shipInterval all day.
var everySecond = fmt.Sprintf("@enabled = 1, @freq_type = 4, @freq_interval = 1, @freq_subday_type = 2, "+
	"@freq_subday_interval = %d, @active_start_time = 0, @active_end_time = 235959", int(shipInterval/time.Second))

// addShippingPrimary runs the "Script to be run at Primary" half of the
// SSMS log shipping script on n: the primary database backing up to
// share, its schedule, the alert job and the secondary.
func addShippingPrimary(t *testing.T, n *served, share, secondary string) {
	t.Helper()
	_, err := n.db.Exec(`DECLARE @job uniqueidentifier, @pid uniqueidentifier, @sid int
EXEC master.dbo.sp_add_log_shipping_primary_database @database = N'mgc', @backup_directory = @share,
  @backup_share = @share, @backup_job_name = N'LSBackup_mgc', @backup_retention_period = 4320,
  @backup_threshold = 60, @threshold_alert_enabled = 1, @history_retention_period = 5760,
  @backup_job_id = @job OUTPUT, @primary_id = @pid OUTPUT, @overwrite = 1
EXEC msdb.dbo.sp_add_schedule @schedule_name = N'LSBackupSchedule_mgc', `+everySecond+`, @schedule_id = @sid OUTPUT
EXEC msdb.dbo.sp_attach_schedule @job_id = @job, @schedule_id = @sid
EXEC msdb.dbo.sp_update_job @job_id = @job, @enabled = 1
EXEC master.dbo.sp_add_log_shipping_alert_job
EXEC master.dbo.sp_add_log_shipping_primary_secondary @primary_database = N'mgc',
  @secondary_server = @secondary, @secondary_database = N'mgc', @overwrite = 1`,
		sql.Named("share", share), sql.Named("secondary", secondary))
	if err != nil {
		t.Fatalf("%s: log shipping primary: %v", n.name, err)
	}
}

// addShippingSecondary runs the secondary half on s: copy and restore
// jobs from share every second, mgc restored WITH STANDBY, no delay.
func addShippingSecondary(t *testing.T, s *served, primary, share, copyDir string) {
	t.Helper()
	_, err := s.db.Exec(`DECLARE @copy uniqueidentifier, @restore uniqueidentifier, @id uniqueidentifier, @cs int, @rs int
EXEC master.dbo.sp_add_log_shipping_secondary_primary @primary_server = @primary, @primary_database = N'mgc',
  @backup_source_directory = @share, @backup_destination_directory = @copydir,
  @copy_job_name = N'LSCopy_mgc', @restore_job_name = N'LSRestore_mgc',
  @file_retention_period = 4320, @overwrite = 1,
  @copy_job_id = @copy OUTPUT, @restore_job_id = @restore OUTPUT, @secondary_id = @id OUTPUT
EXEC msdb.dbo.sp_add_schedule @schedule_name = N'DefaultCopyJobSchedule', `+everySecond+`, @schedule_id = @cs OUTPUT
EXEC msdb.dbo.sp_attach_schedule @job_id = @copy, @schedule_id = @cs
EXEC msdb.dbo.sp_add_schedule @schedule_name = N'DefaultRestoreJobSchedule', `+everySecond+`, @schedule_id = @rs OUTPUT
EXEC msdb.dbo.sp_attach_schedule @job_id = @restore, @schedule_id = @rs
EXEC master.dbo.sp_add_log_shipping_secondary_database @secondary_database = N'mgc', @primary_server = @primary,
  @primary_database = N'mgc', @restore_delay = 0, @restore_mode = 1, @disconnect_users = 1,
  @restore_threshold = 45, @threshold_alert_enabled = 1, @history_retention_period = 5760, @overwrite = 1
EXEC msdb.dbo.sp_update_job @job_id = @copy, @enabled = 1
EXEC msdb.dbo.sp_update_job @job_id = @restore, @enabled = 1`,
		sql.Named("primary", primary), sql.Named("share", share), sql.Named("copydir", copyDir))
	if err != nil {
		t.Fatalf("%s: log shipping secondary: %v", s.name, err)
	}
}

// failover runs SET PARTNER FAILOVER on the principal from and waits
// until to is the principal of a SYNCHRONIZED session.
func failover(t *testing.T, from, to *served) {
	t.Helper()
	from.exec(t, "ALTER DATABASE mgc SET PARTNER FAILOVER")
	waitUntil(t, 20*time.Second, to.name+" principal", func() bool {
		role, st := to.session("mgc")
		return role == "PRINCIPAL" && st == "SYNCHRONIZED"
	})
}

// shipRows commits rows through db on the principal p at three points
// of a schedule slot (the schedules fire on whole seconds from
// @active_start_time 0): just after the backup job fired, which waits
// longest, then a third and two thirds into the slot. Each must reach s
// within two intervals.
func shipRows(t *testing.T, db *sql.DB, p, s *served, phase string) {
	t.Helper()
	for _, at := range []time.Duration{50 * time.Millisecond, shipInterval / 3, 2 * shipInterval / 3} {
		time.Sleep(untilSlotOffset(time.Now(), at))
		msg := fmt.Sprintf("%s, slot+%dms", phase, at.Milliseconds())
		awaitShipped(t, s, msg, commit(t, db, p, msg))
	}
}

// untilSlotOffset is how long from now until at past a slot boundary.
func untilSlotOffset(now time.Time, at time.Duration) time.Duration {
	d := at - now.Sub(now.Truncate(shipInterval))
	if d < 0 {
		d += shipInterval
	}
	return d
}

// commit inserts row msg through db on p and returns when the commit
// was acknowledged.
func commit(t *testing.T, db *sql.DB, p *served, msg string) time.Time {
	t.Helper()
	if _, err := db.Exec("INSERT INTO dbo.chat (msg) VALUES (@p1)", msg); err != nil {
		t.Fatalf("%s: insert %q: %v", p.name, msg, err)
	}
	return time.Now()
}

// awaitShipped fails the test unless the STANDBY secondary s shows row
// msg before shipHang has passed since its commit.
func awaitShipped(t *testing.T, s *served, msg string, committed time.Time) {
	t.Helper()
	for !restored(s, msg) {
		if time.Since(committed) > shipHang {
			t.Fatalf("%q never reached the STANDBY secondary (%v after its commit); restore history: %v",
				msg, shipHang, restoreHistory(s))
		}
		time.Sleep(shipPoll)
	}
	t.Logf("%q readable on %s %v after its commit", msg, s.name, time.Since(committed).Round(time.Millisecond))
}

// restored reports whether the STANDBY database on s holds row msg. The
// query runs from master, so the restore job's disconnect does not kill
// it; during a restore it may fail, which reads as not yet.
func restored(s *served, msg string) bool {
	var n int
	err := s.db.QueryRow("SELECT COUNT(*) FROM mgc.dbo.chat WHERE msg = @p1", msg).Scan(&n)
	return err == nil && n > 0
}

// loggedNotOnline reports whether n's backup job logged 32008.
func loggedNotOnline(n *served) bool {
	var k int
	err := n.db.QueryRow(`SELECT COUNT(*) FROM msdb.dbo.log_shipping_monitor_history_detail
WHERE agent_type = 0 AND message LIKE N'Database mgc is not ONLINE.%'`).Scan(&k)
	return err == nil && k > 0
}

// failedStep returns the message of a failed job step on n ("" if none).
func failedStep(t *testing.T, n *served) string {
	t.Helper()
	var msg sql.NullString
	err := n.db.QueryRow("SELECT TOP 1 message FROM msdb.dbo.sysjobhistory WHERE run_status = 0 AND step_id > 0").Scan(&msg)
	if err != nil && err != sql.ErrNoRows {
		t.Fatalf("%s: sysjobhistory: %v", n.name, err)
	}
	return msg.String
}

// restoreHistory is the restore job's recent monitor messages on s.
func restoreHistory(s *served) []string {
	rows, err := s.db.Query(`SELECT message FROM msdb.dbo.log_shipping_monitor_history_detail
WHERE agent_type IN (1, 2) ORDER BY log_time DESC`)
	if err != nil {
		return []string{err.Error()}
	}
	defer rows.Close()
	var out []string
	for rows.Next() && len(out) < 12 {
		var m string
		if rows.Scan(&m) == nil {
			out = append(out, m)
		}
	}
	return out
}
