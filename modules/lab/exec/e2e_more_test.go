package exec

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRPCOutputParametersAndReturnStatus(t *testing.T) {
	db := startLab(t).open(t, "master")
	var out int64
	var s string
	_, err := db.Exec("SET @out = @a * 2; SET @s = UPPER(@name)",
		sql.Named("a", 21), sql.Named("name", "lab"),
		sql.Named("out", sql.Out{Dest: &out}), sql.Named("s", sql.Out{Dest: &s}))
	if err != nil {
		t.Fatal(err)
	}
	if out != 42 || s != "LAB" {
		t.Fatalf("out %d s %q", out, s)
	}
	var n int64
	var name string
	if err := db.QueryRow("SELECT @p1 + 1, @p2", 9, "x").Scan(&n, &name); err != nil || n != 10 || name != "x" {
		t.Fatalf("%v %d %q", err, n, name)
	}
}

func TestRPCErrorsReachTheClient(t *testing.T) {
	db := startLab(t).open(t, "master")
	_, err := db.Exec("SELECT 1/@p1", 0)
	if sqlErrNumber(err) != 8134 {
		t.Fatalf("got %v", err)
	}
	_, err = db.Exec("EXEC dbo.nope")
	if sqlErrNumber(err) != 2812 {
		t.Fatalf("got %v", err)
	}
}

func TestBackupRestoreWithStatsMessages(t *testing.T) {
	l := startLab(t)
	db := l.open(t, "master")
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE DATABASE pchat; ALTER DATABASE pchat SET RECOVERY FULL")
	mustExec(t, db, "CREATE TABLE pchat.dbo.tblChat (id int PRIMARY KEY, body nvarchar(200))")
	mustExec(t, db, "INSERT INTO pchat.dbo.tblChat VALUES (1, N'hello'), (2, N'world')")
	path := filepath.Join(t.TempDir(), "pchat.bak")
	msgs := &sqlexpMessages{}
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, "BACKUP DATABASE pchat TO DISK = @p1 WITH INIT, CHECKSUM, STATS = 25", msgs.opt(), path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := msgs.drain(t, rows)
	if !contains(got, "25 percent processed.") || !contains(got, "100 percent processed.") {
		t.Fatalf("backup messages %q", got)
	}
	hdr := queryMap(t, db, "RESTORE HEADERONLY FROM DISK = @p1", path)
	if len(hdr) != 1 || hdr[0]["DatabaseName"] != "pchat" || hdr[0]["BackupType"] != "1" {
		t.Fatalf("HEADERONLY: %v", hdr)
	}
	mustExec(t, db, "DELETE FROM pchat.dbo.tblChat WHERE id = 2")
	mustExec(t, db, "RESTORE DATABASE pchat FROM DISK = '"+path+"' WITH REPLACE")
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM pchat.dbo.tblChat").Scan(&n); err != nil || n != 2 {
		t.Fatalf("after restore: %v %d", err, n)
	}
	var bsCount, rhCount int
	if err := db.QueryRow("SELECT COUNT(*) FROM msdb.dbo.backupset WHERE database_name = 'pchat' AND type = 'D'").Scan(&bsCount); err != nil || bsCount < 1 {
		t.Fatalf("backupset: %v %d", err, bsCount)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM msdb.dbo.restorehistory WHERE destination_database_name = 'pchat'").Scan(&rhCount); err != nil || rhCount != 1 {
		t.Fatalf("restorehistory: %v %d", err, rhCount)
	}
	_, err = db.Exec("BACKUP LOG pchat TO DISK = '/nonexistent/dir/x.trn'")
	if sqlErrNumber(err) != 3201 && sqlErrNumber(err) != 3013 {
		t.Fatalf("backup to a bad path: %v", err)
	}
}

// queryMap runs a query and returns its rows as column → text maps.
func queryMap(t *testing.T, db *sql.DB, q string, args ...any) []map[string]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []map[string]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, c := range cols {
			m[c] = fmt.Sprint(vals[i])
		}
		out = append(out, m)
	}
	return out
}

func TestSingleUserRollbackImmediateKillsOthers(t *testing.T) {
	l := startLab(t)
	admin := l.open(t, "master")
	admin.SetMaxOpenConns(1)
	mustExec(t, admin, "CREATE DATABASE mgc")
	other := l.open(t, "mgc")
	other.SetMaxOpenConns(1)
	if err := other.Ping(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "ALTER DATABASE mgc SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := other.Conn(ctx)
	if err == nil {
		err = conn.PingContext(ctx)
		if err == nil {
			_, err = conn.ExecContext(ctx, "SELECT 1")
		}
		conn.Close()
	}
	if err == nil {
		t.Fatal("the other session survived SINGLE_USER WITH ROLLBACK IMMEDIATE")
	}
	var access string
	if err := admin.QueryRow("SELECT user_access_desc FROM sys.databases WHERE name = 'mgc'").Scan(&access); err != nil || access != "SINGLE_USER" {
		t.Fatalf("%v %q", err, access)
	}
	mustExec(t, admin, "ALTER DATABASE mgc SET MULTI_USER")
}

func TestKillOtherSession(t *testing.T) {
	l := startLab(t)
	a := l.open(t, "master")
	a.SetMaxOpenConns(1)
	b := l.open(t, "master")
	b.SetMaxOpenConns(1)
	var spid int
	if err := b.QueryRow("SELECT @@SPID").Scan(&spid); err != nil {
		t.Fatal(err)
	}
	mustExec(t, a, "KILL "+itoa(int64(spid)))
	if _, err := a.Exec("KILL " + itoa(int64(spid))); sqlErrNumber(err) != 6106 {
		t.Fatalf("second KILL: %v", err)
	}
	if _, err := a.Exec("KILL @@SPID"); err == nil || !strings.Contains(err.Error(), "syntax") {
		t.Fatalf("KILL @@SPID: %v", err)
	}
}
