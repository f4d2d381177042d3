package exec

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// Source: docs/relational-databases/tables/tables.md ("Temporary tables"):
// local temporary tables are visible only to the connection that created
// them and are deleted when it disconnects; global ones are visible to
// every session. sp_reset_connection drops a pooled connection's
// temporary tables (go-mssqldb resets a connection it takes from the pool).

func TestLocalTempTablesBelongToTheirSession(t *testing.T) {
	l := startLab(t)
	db := l.open(t, "master")
	ctx := context.Background()
	a, b := mustConn(t, db), mustConn(t, db)
	if _, err := a.ExecContext(ctx, "CREATE TABLE #t (id int); INSERT INTO #t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ExecContext(ctx, "CREATE TABLE #t (id int); INSERT INTO #t VALUES (2), (3)"); err != nil {
		t.Fatalf("a second session's #t: %v", err)
	}
	if n := count(t, a, "SELECT COUNT(*) FROM #t"); n != 1 {
		t.Fatalf("session a sees %d rows in its #t, want 1", n)
	}
	if n := count(t, b, "SELECT COUNT(*) FROM tempdb..#t"); n != 2 {
		t.Fatalf("session b sees %d rows in tempdb..#t, want 2", n)
	}
	_, err := a.ExecContext(ctx, "CREATE TABLE #t (id int)")
	if sqlErrNumber(err) != 2714 || !strings.Contains(err.Error(), "'#t'") {
		t.Fatalf("a second #t in one session: %v, want 2714 naming '#t'", err)
	}
	_, err = a.ExecContext(ctx, "SELECT * FROM #nosuch")
	if sqlErrNumber(err) != 208 || !strings.Contains(err.Error(), "#nosuch'") {
		t.Fatalf("a missing #table: %v", err)
	}
	if _, err := a.ExecContext(ctx, "DROP TABLE #t"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, a, "SELECT COUNT(*) WHERE OBJECT_ID('tempdb..#t') IS NULL"); n != 1 {
		t.Fatal("OBJECT_ID('tempdb..#t') after DROP TABLE is not NULL")
	}
	if n := count(t, b, "SELECT COUNT(*) WHERE OBJECT_ID('tempdb..#t') IS NOT NULL"); n != 1 {
		t.Fatal("session a's DROP TABLE #t dropped session b's #t")
	}
}

func TestResetConnectionDropsTempTables(t *testing.T) {
	l := startLab(t)
	db := l.open(t, "master")
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if _, err := db.Exec("CREATE TABLE #keep (id int); INSERT INTO #keep VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	// The pool hands the same connection back with RESETCONNECTION set.
	_, err := db.Exec("SELECT * FROM #keep")
	if sqlErrNumber(err) != 208 {
		t.Fatalf("#keep after the pooled connection was reset: %v, want 208", err)
	}
}

func TestGlobalTempTableIsSharedUntilItsCreatorLeaves(t *testing.T) {
	l := startLab(t)
	db := l.open(t, "master")
	db.SetMaxIdleConns(0) // closing a connection ends its session
	a, b := mustConn(t, db), mustConn(t, db)
	if _, err := a.ExecContext(context.Background(), "CREATE TABLE ##g (id int); INSERT INTO ##g VALUES (7)"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b, "SELECT MAX(id) FROM ##g"); n != 7 {
		t.Fatalf("another session reads %d from ##g", n)
	}
	a.Close()
	// The server ends the session when it sees the connection close.
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := b.ExecContext(context.Background(), "SELECT * FROM ##g")
		if sqlErrNumber(err) == 208 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("##g 5 s after its creator left: %v, want 208", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// mustConn takes one connection of db for the test.
func mustConn(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// count runs a one-value query on c.
func count(t *testing.T, c *sql.Conn, q string) int64 {
	t.Helper()
	var n sql.NullInt64
	if err := c.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n.Int64
}
