package exec

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// ALTER DATABASE … SET OFFLINE while another session uses the database.
// The single-connection behaviour (942 on an OFFLINE database, SET ONLINE
// bringing it back) is in modules/lab/conformance/chain.txtar.
//
// Sources:
//   - https://learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options
//     (WITH <termination>: NO_WAIT makes the request fail if the state
//     change can't complete immediately; ROLLBACK IMMEDIATE rolls back
//     the other sessions' work at once)
//   - https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors-5000-to-5999
//     (5070 "Database state cannot be changed while other users are using
//     the database '%.*ls'", 5069 "ALTER DATABASE statement failed.",
//     both severity 16)
//   - https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors-0-to-999
//     (942 "Database '%.*ls' cannot be opened because it is offline.",
//     severity 14)
//
// Without a termination clause the documentation says ALTER DATABASE
// waits indefinitely while there is any lock on the database; the lab
// fails at once with 5070 instead, so that case is not asserted here.

// stateOf returns sys.databases.state_desc of database name.
func stateOf(t *testing.T, l *lab, name string) string {
	t.Helper()
	var s string
	if err := l.open(t, "master").QueryRow("SELECT state_desc FROM sys.databases WHERE name = @p1", name).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// pcInUse starts a lab with database pc holding one row, an admin pool
// in master and another session using pc.
func pcInUse(t *testing.T) (*lab, *sql.DB, *sql.DB) {
	t.Helper()
	l := startLab(t)
	admin := l.open(t, "master")
	admin.SetMaxOpenConns(1)
	mustExec(t, admin, "CREATE DATABASE pc")
	mustExec(t, admin, "CREATE TABLE pc.dbo.t (n int); INSERT INTO pc.dbo.t VALUES (1)")
	other := userOf(t, l, "pc")
	return l, admin, other
}

func TestOfflineNoWaitWhileInUseIs5070(t *testing.T) {
	l, admin, other := pcInUse(t)

	_, err := admin.Exec("ALTER DATABASE pc SET OFFLINE WITH NO_WAIT")
	wantErrorNumbers(t, "SET OFFLINE WITH NO_WAIT while another session uses the database", err, 5070, 5069)
	if s := stateOf(t, l, "pc"); s != "ONLINE" {
		t.Fatalf("state after the refused SET OFFLINE: %s", s)
	}
	var n int
	if err := other.QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the other session after the refused SET OFFLINE: %v %d", err, n)
	}
}

func TestOfflineRollbackImmediateEndsOtherSessions(t *testing.T) {
	l, admin, other := pcInUse(t)

	mustExec(t, admin, "ALTER DATABASE pc SET OFFLINE WITH ROLLBACK IMMEDIATE")
	if s := stateOf(t, l, "pc"); s != "OFFLINE" {
		t.Fatalf("state after SET OFFLINE WITH ROLLBACK IMMEDIATE: %s", s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := other.ExecContext(ctx, "SELECT COUNT(*) FROM dbo.t"); err == nil {
		t.Fatal("the other session survived SET OFFLINE WITH ROLLBACK IMMEDIATE")
	}
	_, err := admin.Exec("SELECT COUNT(*) FROM pc.dbo.t")
	wantErrorNumbers(t, "a query on the OFFLINE database", err, 942)

	mustExec(t, admin, "ALTER DATABASE pc SET ONLINE")
	var n int
	if err := admin.QueryRow("SELECT COUNT(*) FROM pc.dbo.t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after SET ONLINE: %v %d", err, n)
	}
}

// TestReadOnlyNeedsExclusiveAccess: READ_ONLY and READ_WRITE need
// exclusive access to the database ("ALTER DATABASE SET Options",
// <db_update_option>: "To change this state, you must have exclusive
// access to the database"): another session using it fails the change
// with 5070 and 5069 (NO_WAIT), ROLLBACK IMMEDIATE ends that session.
func TestReadOnlyNeedsExclusiveAccess(t *testing.T) {
	l, admin, other := pcInUse(t)

	_, err := admin.Exec("ALTER DATABASE pc SET READ_ONLY WITH NO_WAIT")
	wantErrorNumbers(t, "SET READ_ONLY while another session uses the database", err, 5070, 5069)
	var ro bool
	if err := admin.QueryRow("SELECT is_read_only FROM sys.databases WHERE name = 'pc'").Scan(&ro); err != nil || ro {
		t.Fatalf("is_read_only after the refused change: %v %v", ro, err)
	}
	mustExec(t, admin, "ALTER DATABASE pc SET READ_ONLY WITH ROLLBACK IMMEDIATE")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := other.ExecContext(ctx, "SELECT COUNT(*) FROM dbo.t"); err == nil {
		t.Fatal("the other session survived SET READ_ONLY WITH ROLLBACK IMMEDIATE")
	}
	reader := userOf(t, l, "pc")
	_, err = admin.Exec("ALTER DATABASE pc SET READ_WRITE")
	wantErrorNumbers(t, "SET READ_WRITE while another session uses the database", err, 5070, 5069)
	reader.Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, err = admin.Exec("ALTER DATABASE pc SET READ_WRITE")
		if err == nil || time.Now().After(deadline) {
			break // the server ends a session when it sees its connection close
		}
	}
	if err != nil {
		t.Fatalf("SET READ_WRITE once the reader left: %v", err)
	}
}

// TestSingleUserTakenIs5064: while a SINGLE_USER database has its one user,
// another session's ALTER DATABASE … SET (MULTI_USER included) or MODIFY
// NAME fails with 5064 and 5069 (Database engine events and errors
// 5000-5999: "The database is in single-user mode, and a user is currently
// connected to it."); WITH ROLLBACK IMMEDIATE ends that user and the
// change is made.
func TestSingleUserTakenIs5064(t *testing.T) {
	l, admin, other := pcInUse(t)
	mustExec(t, admin, "ALTER DATABASE pc SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	other.Close()
	ctx := context.Background()
	holder, err := l.open(t, "master").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := holder.ExecContext(ctx, "USE pc"); err == nil || time.Now().After(deadline) {
			break // the killed session leaves the database a moment after
		}
	}
	var db string
	if err := holder.QueryRowContext(ctx, "SELECT DB_NAME()").Scan(&db); err != nil || db != "pc" {
		t.Fatalf("the single user: %q %v", db, err)
	}
	for _, q := range []string{"ALTER DATABASE pc SET MULTI_USER", "ALTER DATABASE pc SET RECOVERY SIMPLE",
		"ALTER DATABASE pc MODIFY NAME = pc2"} {
		_, err = admin.Exec(q)
		wantErrorNumbers(t, q+" while the single user is connected", err, 5064, 5069)
	}
	mustExec(t, admin, "ALTER DATABASE pc SET MULTI_USER WITH ROLLBACK IMMEDIATE")
	var access string
	if err := admin.QueryRow("SELECT user_access_desc FROM sys.databases WHERE name = 'pc'").Scan(&access); err != nil || access != "MULTI_USER" {
		t.Fatalf("user_access after ROLLBACK IMMEDIATE: %q %v", access, err)
	}
}
