package lab

import (
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// serveInProcess runs Serve on 127.0.0.1:0 and returns a pool on it.
func serveInProcess(t *testing.T, name string) *sql.DB {
	t.Helper()
	return serveWith(t, ServeOptions{Name: name, Listen: "127.0.0.1:0", Data: t.TempDir()})
}

// TestLogShippingProceduresAreWired calls the documented primary
// procedure with OUTPUT parameters through go-mssqldb, then starts the
// backup job it created and finds the log backup in the directory.
func TestLogShippingProceduresAreWired(t *testing.T) {
	db := serveInProcess(t, "DC1-SQL1")
	backupDir := backupDir(t)
	for _, q := range []string{"CREATE DATABASE [mgc]", "ALTER DATABASE [mgc] SET RECOVERY FULL",
		"BACKUP DATABASE [mgc] TO DISK = N'" + backupDir + "/mgc_full.bak'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var jobID mssql.UniqueIdentifier
	var primaryID mssql.UniqueIdentifier
	var rc int
	_, err := db.Exec(`DECLARE @job uniqueidentifier, @pid uniqueidentifier, @rc int
EXEC @rc = master.dbo.sp_add_log_shipping_primary_database @database = @db, @backup_directory = @dir,
  @backup_share = @dir, @backup_job_name = N'LSBackup_mgc', @backup_retention_period = 4320,
  @backup_threshold = 60, @threshold_alert_enabled = 1, @history_retention_period = 5760,
  @backup_job_id = @job OUTPUT, @primary_id = @pid OUTPUT, @overwrite = 1
SELECT @job_out = @job, @pid_out = @pid, @rc_out = @rc`,
		sql.Named("db", "mgc"), sql.Named("dir", backupDir),
		sql.Named("job_out", sql.Out{Dest: &jobID}), sql.Named("pid_out", sql.Out{Dest: &primaryID}), sql.Named("rc_out", sql.Out{Dest: &rc}))
	if err != nil {
		t.Fatal(err)
	}
	if rc != 0 || jobID == (mssql.UniqueIdentifier{}) || primaryID == (mssql.UniqueIdentifier{}) {
		t.Fatalf("rc %d job %v primary %v", rc, jobID, primaryID)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM msdb.dbo.log_shipping_primary_databases WHERE primary_database = 'mgc'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("primary rows %d: %v", n, err)
	}
	if _, err := db.Exec("EXEC msdb.dbo.sp_start_job @job_name = N'LSBackup_mgc'"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		files, _ := os.ReadDir(backupDir)
		for _, f := range files {
			if strings.HasPrefix(f.Name(), "mgc_") && strings.HasSuffix(f.Name(), ".trn") {
				return true
			}
		}
		return false
	})
	if _, err := db.Exec("EXEC dbo.sp_nope"); err == nil || !strings.Contains(err.Error(), "Could not find stored procedure") {
		t.Fatalf("unknown procedures still fail with 2812: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("condition not met within 15 s")
}
