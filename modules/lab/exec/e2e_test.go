package exec

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// sqlErrNumber returns the SQL Server error number of err, or 0.
func sqlErrNumber(err error) int32 {
	var e mssql.Error
	if errors.As(err, &e) {
		return e.Number
	}
	return 0
}

func TestSelectLiteralsThroughGoMssqldb(t *testing.T) {
	db := startLab(t).open(t, "master")
	var (
		n    int64
		s    string
		name string
	)
	if err := db.QueryRow("SELECT 1 + 2 AS n, 'a' + 'b', @@SERVERNAME").Scan(&n, &s, &name); err != nil {
		t.Fatal(err)
	}
	if n != 3 || s != "ab" || name != `LAB1\PCHAT` {
		t.Fatalf("got %d %q %q", n, s, name)
	}
}

func TestWrongPasswordIs18456(t *testing.T) {
	l := startLab(t)
	db, err := sql.Open("sqlserver", l.dsn("nope", "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Ping()
	if sqlErrNumber(err) != 18456 || !strings.Contains(err.Error(), "Login failed for user 'sa'.") {
		t.Fatalf("got %v", err)
	}
}

func TestDMLRowCountsAndTransactions(t *testing.T) {
	db := startLab(t).open(t, "master")
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE DATABASE chat")
	mustExec(t, db, "CREATE TABLE chat.dbo.msg (id int IDENTITY(1,1) PRIMARY KEY, body nvarchar(100) NOT NULL, n int NULL)")
	res, err := db.Exec("INSERT INTO chat.dbo.msg (body, n) VALUES (N'a', 1), (N'b', 2), (N'c', 3)")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 3 {
		t.Fatalf("insert affected %d", n)
	}
	res, err = db.Exec("UPDATE chat.dbo.msg SET n = n * 10 WHERE body <> @p1", "a")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("update affected %d", n)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("DELETE FROM chat.dbo.msg"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	var sum int64
	if err := db.QueryRow("SELECT SUM(n) FROM chat.dbo.msg").Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if sum != 51 {
		t.Fatalf("sum %d, want 51", sum)
	}
}

func TestUseAndPrintMessages(t *testing.T) {
	db := startLab(t).open(t, "master")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	retmsg := &sqlexpMessages{}
	rows, err := conn.QueryContext(ctx, "USE msdb; PRINT 'hello ' + DB_NAME(); SELECT DB_NAME()", retmsg.opt())
	if err != nil {
		t.Fatal(err)
	}
	msgs, dbName := retmsg.drain(t, rows)
	if dbName != "msdb" || !contains(msgs, "hello msdb") || !contains(msgs, "Changed database context to 'msdb'.") {
		t.Fatalf("db %q messages %q", dbName, msgs)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
