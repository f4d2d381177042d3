package exec

import (
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// RESTORE needs exclusive access to the database it overwrites or rolls
// forward: while another session uses it, RESTORE fails with 3101
// ("Exclusive access could not be obtained because the database is in
// use.") followed by 3013, and leaves the database as it was.
//
// Sources:
//   - https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors-3000-to-3999
//     (3101, severity 16; 3013 "%hs is terminating abnormally.")
//   - https://learn.microsoft.com/sql/relational-databases/backup-restore/restore-a-database-backup-using-ssms
//     (not closing existing connections to the destination database may
//     result in "Exclusive access could not be obtained because the
//     database is in use.")
//   - https://learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-add-log-shipping-secondary-database-transact-sql
//     (@disconnect_users: whether users are disconnected from the secondary
//     database when a restore operation is performed)

// errorNumbers returns the numbers of every SQL Server error in err, in
// the order the server sent them.
func errorNumbers(err error) []int32 {
	var e mssql.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []int32
	for _, m := range e.All {
		out = append(out, m.Number)
	}
	return out
}

// wantErrorNumbers fails unless err carries exactly the errors want.
func wantErrorNumbers(t *testing.T, what string, err error, want ...int32) {
	t.Helper()
	if got := errorNumbers(err); !slices.Equal(got, want) {
		t.Fatalf("%s: errors %v (%v), want %v", what, got, err, want)
	}
}

// userOf opens a one-connection pool logged in to database and makes sure
// its session exists; closing the pool ends the session.
func userOf(t *testing.T, l *lab, database string) *sql.DB {
	t.Helper()
	db := l.open(t, database)
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	return db
}

// execOnceFree runs query until it no longer fails with 3101: the server
// ends a session when it sees its connection close, a moment after the
// client closed it.
func execOnceFree(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := db.Exec(query, args...)
		if err == nil {
			return
		}
		if sqlErrNumber(err) != 3013 || !slices.Contains(errorNumbers(err), 3101) || time.Now().After(deadline) {
			t.Fatalf("%s: %v", query, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRestoreDatabaseInUseIs3101(t *testing.T) {
	l, admin, full := chatBackedUp(t)
	other := userOf(t, l, "pchat")
	_, err := admin.Exec("RESTORE DATABASE pchat FROM DISK = @p1 WITH REPLACE", full)
	wantErrorNumbers(t, "RESTORE DATABASE over a database in use", err, 3101, 3013)
	if state := stateOf(t, l, "pchat"); state != "ONLINE" {
		t.Fatalf("after the refused RESTORE: %q", state)
	}
	var n int
	if err := other.QueryRow("SELECT COUNT(*) FROM dbo.tblChat").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the other session after the refused RESTORE: %v %d", err, n)
	}

	other.Close()
	execOnceFree(t, admin, "RESTORE DATABASE pchat FROM DISK = @p1 WITH REPLACE", full)
	if err := admin.QueryRow("SELECT COUNT(*) FROM pchat.dbo.tblChat").Scan(&n); err != nil || n != 0 {
		t.Fatalf("restored over the row inserted after the backup: %v %d", err, n)
	}
}

func TestRestoreLogOverAStandbyDatabaseInUseIs3101(t *testing.T) {
	l := startLab(t)
	admin := l.open(t, "master")
	admin.SetMaxOpenConns(1)
	dir := t.TempDir()
	full, log1, log2 := filepath.Join(dir, "pc.bak"), filepath.Join(dir, "pc_1.trn"), filepath.Join(dir, "pc_2.trn")
	undo := filepath.Join(dir, "ro.tuf")
	mustExec(t, admin, "CREATE DATABASE pc; ALTER DATABASE pc SET RECOVERY FULL")
	mustExec(t, admin, "CREATE TABLE pc.dbo.t (n int)")
	mustExec(t, admin, "BACKUP DATABASE pc TO DISK = @p1 WITH INIT", full)
	mustExec(t, admin, "INSERT INTO pc.dbo.t VALUES (1)")
	mustExec(t, admin, "BACKUP LOG pc TO DISK = @p1 WITH INIT", log1)
	mustExec(t, admin, "INSERT INTO pc.dbo.t VALUES (2)")
	mustExec(t, admin, "BACKUP LOG pc TO DISK = @p1 WITH INIT", log2)

	mustExec(t, admin, "RESTORE DATABASE ro FROM DISK = @p1 WITH STANDBY = @p2, "+
		"MOVE 'pc' TO @p3, MOVE 'pc_log' TO @p4", full, undo, filepath.Join(dir, "ro.mdf"), filepath.Join(dir, "ro_log.ldf"))
	mustExec(t, admin, "RESTORE LOG ro FROM DISK = @p1 WITH STANDBY = @p2", log1, undo)

	reader := userOf(t, l, "ro")
	var n int
	if err := reader.QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("reading the standby database: %v %d", err, n)
	}
	_, err := admin.Exec("RESTORE LOG ro FROM DISK = @p1 WITH STANDBY = @p2", log2, undo)
	wantErrorNumbers(t, "RESTORE LOG over a standby database in use", err, 3101, 3013)

	reader.Close()
	execOnceFree(t, admin, "RESTORE LOG ro FROM DISK = @p1 WITH STANDBY = @p2", log2, undo)
	if err := admin.QueryRow("SELECT COUNT(*) FROM ro.dbo.t").Scan(&n); err != nil || n != 2 {
		t.Fatalf("standby database after the second log: %v %d", err, n)
	}

	// Recovering the secondary (the failover's RESTORE … WITH RECOVERY)
	// needs exclusive access too: 3101 while a reader is in it, 3102 from
	// a session whose database it is.
	reader = userOf(t, l, "ro")
	_, err = admin.Exec("RESTORE DATABASE ro WITH RECOVERY")
	wantErrorNumbers(t, "RESTORE WITH RECOVERY of a standby database in use", err, 3101, 3013)
	_, err = reader.Exec("RESTORE DATABASE ro WITH RECOVERY")
	wantErrorNumbers(t, "RESTORE WITH RECOVERY from the standby database itself", err, 3102, 3013)
	reader.Close()
	execOnceFree(t, admin, "RESTORE DATABASE ro WITH RECOVERY")
}
