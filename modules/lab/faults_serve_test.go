package lab

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/datacenter"
)

// servePassword is the sa password of in-process test instances.
const servePassword = "Wiring-Pw-1"

// serveWith runs Serve with o (the password and streams filled in) until
// the test ends, and returns a pool on it.
func serveWith(t *testing.T, o ServeOptions) *sql.DB {
	t.Helper()
	line := serveReady(t, o, servePassword)
	addr := strings.TrimPrefix(strings.Fields(line[strings.Index(line, "sqlserver://"):])[0], "sqlserver://sa@")
	addr = strings.TrimSuffix(addr, "?database=master")
	db, err := sql.Open("sqlserver", "sqlserver://sa:"+servePassword+"@"+addr+"?database=master&encrypt=disable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// faultLab describes a two-site lab in a temporary directory: dc1-sql1
// (primary, DC1, 127.0.0.2) and dc2-sql1 (backup, DC2, 127.0.0.5); the
// share \\fs.lab.local\pchatlogs is in the primary's site.
func faultLab(t *testing.T) *datacenter.State {
	t.Helper()
	for _, ip := range []string{"127.0.0.2", "127.0.0.5"} {
		l, err := net.Listen("tcp", ip+":0")
		if err != nil {
			t.Skipf("%s unavailable: %v", ip, err)
		}
		l.Close()
	}
	st, err := datacenter.Describe(t.TempDir(), datacenter.Layout{AdminSite: "DC2", Sites: []datacenter.Site{
		{Name: "DC1", Instances: []datacenter.Instance{{Name: "dc1-sql1", Role: datacenter.RolePrimary, Address: "127.0.0.2"}}},
		{Name: "DC2", Instances: []datacenter.Instance{{Name: "dc2-sql1", Role: datacenter.RoleBackup, Address: "127.0.0.5"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// serveLabInstance serves the lab instance name in-process under the
// lab's fault plan.
func serveLabInstance(t *testing.T, st *datacenter.State, name string) *sql.DB {
	t.Helper()
	r, ok := st.Find(name)
	if !ok {
		t.Fatalf("no %s in the lab", name)
	}
	return serveWith(t, ServeOptions{Name: r.Name, Listen: r.Address + ":0", Data: r.DataDir, LabDir: st.Dir})
}

// labFault applies a plan fault as `pcsh lab fault` does.
func labFault(t *testing.T, st *datacenter.State, action, target string) {
	t.Helper()
	if _, err := datacenter.Fault(context.Background(), st.Dir, action, target, nil, "", nil); err != nil {
		t.Fatal(err)
	}
}

// execUntil runs q until its outcome matches want (the plan reaches the
// instance within its poll interval) and returns the last error.
func execUntil(t *testing.T, db *sql.DB, q string, want func(error) bool) error {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := db.Exec(q)
		if want(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sqlErrors returns the SQL errors a statement failed with.
func sqlErrors(err error) []mssql.Error {
	var all mssql.Error
	if !errors.As(err, &all) {
		return nil
	}
	return all.All
}

// hasSQLError reports whether err carries number with text in its message.
func hasSQLError(err error, number int32, text string) bool {
	for _, e := range sqlErrors(err) {
		if e.Number == number && strings.Contains(e.Message, text) {
			return true
		}
	}
	return false
}

const labShare = `\\fs.lab.local\pchatlogs`

// TestServedShareFaults: in a served lab, T-SQL BACKUP to the UNC share
// writes the directory behind it; `disk-full share` fails BACKUP with
// 3202 quoting OS error 112 and fails the Agent's log shipping backup job
// writing to the share; `heal share` clears it.
func TestServedShareFaults(t *testing.T) {
	st := faultLab(t)
	db := serveLabInstance(t, st, "dc1-sql1")
	for _, q := range []string{"CREATE DATABASE [mgc]", "ALTER DATABASE [mgc] SET RECOVERY FULL",
		`BACKUP DATABASE [mgc] TO DISK = N'` + labShare + `\mgc_full.bak'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := os.Stat(filepath.Join(st.ShareDir, "mgc_full.bak")); err != nil {
		t.Fatalf("BACKUP to the share: %v", err)
	}
	if _, err := os.Stat(labShare + `\mgc_full.bak`); err == nil {
		t.Fatal("BACKUP wrote a file named with backslashes in the working directory")
	}
	addPrimary(t, db, labShare)
	labFault(t, st, "disk-full", "share")
	probe := `BACKUP LOG [mgc] TO DISK = N'` + labShare + `\probe.trn'`
	full := `Write on "` + labShare + `\probe.trn" failed: 112(There is not enough space on the disk.)`
	if err := execUntil(t, db, probe, func(err error) bool { return err != nil }); !hasSQLError(err, 3202, full) || !hasSQLError(err, 3013, "BACKUP LOG") {
		t.Fatalf("BACKUP LOG to a full share: %v", err)
	}
	startJob(t, db, "LSBackup_mgc")
	waitFor(t, func() bool { return jobFailedWith(db, "LSBackup_mgc", "112(There is not enough space on the disk.)") })
	if n := logBackups(t, st.ShareDir); n != 0 {
		t.Fatalf("%d log backups written to a full share", n)
	}
	labFault(t, st, "heal", "share")
	if err := execUntil(t, db, probe, func(err error) bool { return err == nil }); err != nil {
		t.Fatalf("BACKUP LOG after heal share: %v", err)
	}
	startJob(t, db, "LSBackup_mgc")
	waitFor(t, func() bool { return logBackups(t, st.ShareDir) > 0 })
}

// TestServedDataDiskFull: `disk-full INSTANCE` fills its data directory:
// a change fails with 9002 as the log cannot grow, and heal restores it.
func TestServedDataDiskFull(t *testing.T) {
	st := faultLab(t)
	db := serveLabInstance(t, st, "dc1-sql1")
	for _, q := range []string{"CREATE DATABASE [mgc]", "CREATE TABLE mgc.dbo.t (id int)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	labFault(t, st, "disk-full", "dc1-sql1")
	insert := "INSERT INTO mgc.dbo.t (id) VALUES (1)"
	if err := execUntil(t, db, insert, func(err error) bool { return err != nil }); !hasSQLError(err, 9002, "The transaction log for database 'mgc' is full due to '") {
		t.Fatalf("INSERT on a full data disk: %v", err)
	}
	labFault(t, st, "heal", "dc1-sql1")
	if err := execUntil(t, db, insert, func(err error) bool { return err == nil }); err != nil {
		t.Fatalf("INSERT after heal: %v", err)
	}
}

// TestServedCopyAcrossCutLink: the share lives in DC1 (the primary's
// site), so with the link cut dc2-sql1 in DC2 cannot read it: RESTORE
// from it fails with 3201 and the copy job with OS error 53. After heal
// link the copy job copies the backup.
func TestServedCopyAcrossCutLink(t *testing.T) {
	st := faultLab(t)
	db := serveLabInstance(t, st, "dc2-sql1")
	copyDir := st.CopyDirs["dc2-sql1"]
	_, err := db.Exec(`DECLARE @copy uniqueidentifier, @restore uniqueidentifier, @id uniqueidentifier
EXEC master.dbo.sp_add_log_shipping_secondary_primary @primary_server = N'dc1-sql1', @primary_database = N'mgc',
  @backup_source_directory = @share, @backup_destination_directory = @copydir,
  @copy_job_name = N'LSCopy_dc1-sql1_mgc', @restore_job_name = N'LSRestore_dc1-sql1_mgc',
  @file_retention_period = 4320, @overwrite = 1,
  @copy_job_id = @copy OUTPUT, @restore_job_id = @restore OUTPUT, @secondary_id = @id OUTPUT`,
		sql.Named("share", labShare), sql.Named("copydir", copyDir))
	if err != nil {
		t.Fatal(err)
	}
	const trn = "mgc_20240506100001.trn"
	if err := os.WriteFile(filepath.Join(st.ShareDir, trn), []byte("log backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	labFault(t, st, "partition", "link")
	probe := `RESTORE HEADERONLY FROM DISK = N'` + labShare + `\` + trn + `'`
	netPath := "Operating system error 53(The network path was not found.)"
	if err := execUntil(t, db, probe, func(err error) bool { return hasSQLError(err, 3201, netPath) }); !hasSQLError(err, 3201, netPath) {
		t.Fatalf("RESTORE from the share across the cut link: %v", err)
	}
	startJob(t, db, "LSCopy_dc1-sql1_mgc")
	waitFor(t, func() bool { return jobFailedWith(db, "LSCopy_dc1-sql1_mgc", "53(The network path was not found.)") })
	if _, err := os.Stat(filepath.Join(copyDir, trn)); err == nil {
		t.Fatal("copied across the cut link")
	}
	labFault(t, st, "heal", "link")
	if err := execUntil(t, db, probe, func(err error) bool { return !hasSQLError(err, 3201, "") }); !hasSQLError(err, 3241, "") {
		t.Fatalf("RESTORE from the share after heal reads the (dummy) file: %v", err)
	}
	startJobWhenIdle(t, db, "LSCopy_dc1-sql1_mgc")
	waitFor(t, func() bool { _, err := os.Stat(filepath.Join(copyDir, trn)); return err == nil })
}

// addPrimary configures mgc as a log shipping primary backing up to share.
func addPrimary(t *testing.T, db *sql.DB, share string) {
	t.Helper()
	_, err := db.Exec(`DECLARE @job uniqueidentifier, @pid uniqueidentifier
EXEC master.dbo.sp_add_log_shipping_primary_database @database = N'mgc', @backup_directory = @share,
  @backup_share = @share, @backup_job_name = N'LSBackup_mgc', @backup_retention_period = 4320,
  @backup_threshold = 60, @threshold_alert_enabled = 1, @history_retention_period = 5760,
  @backup_job_id = @job OUTPUT, @primary_id = @pid OUTPUT, @overwrite = 1`, sql.Named("share", share))
	if err != nil {
		t.Fatal(err)
	}
}

// startJob asks the Agent to run a job now.
func startJob(t *testing.T, db *sql.DB, name string) {
	t.Helper()
	if _, err := db.Exec("EXEC msdb.dbo.sp_start_job @job_name = @name", sql.Named("name", name)); err != nil {
		t.Fatal(err)
	}
}

// startJobWhenIdle starts a job, retrying while a run is still finishing
// (22022).
func startJobWhenIdle(t *testing.T, db *sql.DB, name string) {
	t.Helper()
	err := execUntil(t, db, "EXEC msdb.dbo.sp_start_job @job_name = N'"+name+"'", func(err error) bool { return !hasSQLError(err, 22022, "") })
	if err != nil {
		t.Fatal(err)
	}
}

// jobFailedWith reports whether a failed step of the job logged text.
func jobFailedWith(db *sql.DB, job, text string) bool {
	var n int
	err := db.QueryRow(`SELECT COUNT(*) FROM msdb.dbo.sysjobhistory AS h JOIN msdb.dbo.sysjobs AS j ON j.job_id = h.job_id
WHERE j.name = @job AND h.run_status = 0 AND h.message LIKE @text`, sql.Named("job", job), sql.Named("text", "%"+text+"%")).Scan(&n)
	return err == nil && n > 0
}

// logBackups counts the log backup files in dir.
func logBackups(t *testing.T, dir string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "mgc_*.trn"))
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}
