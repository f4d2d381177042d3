package exec

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/engine"
)

// notice is one INFO message as go-mssqldb reports it.
type notice struct {
	number int32
	class  uint8
	text   string
}

// runNotices runs one batch and returns its INFO messages, failing the
// test on an error.
func runNotices(t *testing.T, db *sql.DB, query string, args ...any) []notice {
	t.Helper()
	rm := &sqlexp.ReturnMessage{}
	rows, err := db.QueryContext(context.Background(), query, append([]any{rm}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []notice
	for active := true; active; {
		switch v := rm.Message(context.Background()).(type) {
		case sqlexp.MsgNotice:
			e, _ := v.Message.(mssql.Error)
			out = append(out, notice{e.Number, e.Class, e.Message})
		case sqlexp.MsgNext:
			for rows.Next() {
			}
		case sqlexp.MsgError:
			t.Fatalf("%s: %v", query, v.Error)
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		}
	}
	return out
}

// percentNotices returns the 3211 messages, checking each is severity 10.
func percentNotices(t *testing.T, all []notice) []string {
	t.Helper()
	var out []string
	for _, n := range all {
		if n.number != 3211 {
			continue
		}
		if n.class != 10 {
			t.Fatalf("3211 with severity %d", n.class)
		}
		out = append(out, n.text)
	}
	return out
}

// percentsUpTo returns "N percent processed." for every step up to 100.
func percentsUpTo(step int) []string {
	var out []string
	for p := step; p <= 100; p += step {
		out = append(out, fmt.Sprintf("%d percent processed.", p))
	}
	return out
}

// chatBackedUp starts a lab whose pchat database (FULL recovery) has a
// full backup, whose path it returns, and one row in tblChat after it.
func chatBackedUp(t *testing.T) (*lab, *sql.DB, string) {
	t.Helper()
	l := startLab(t)
	db := l.open(t, "master")
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE DATABASE pchat; ALTER DATABASE pchat SET RECOVERY FULL")
	mustExec(t, db, "CREATE TABLE pchat.dbo.tblChat (id int PRIMARY KEY, body nvarchar(200))")
	full := filepath.Join(t.TempDir(), "pchat.bak")
	mustExec(t, db, "BACKUP DATABASE pchat TO DISK = @p1 WITH INIT", full)
	mustExec(t, db, "INSERT INTO pchat.dbo.tblChat VALUES (1, N'hello')")
	return l, db, full
}

func TestRestoreWithStatsSendsPercentProcessed(t *testing.T) {
	_, db, full := chatBackedUp(t)
	log := filepath.Join(filepath.Dir(full), "pchat.trn")
	mustExec(t, db, "BACKUP LOG pchat TO DISK = @p1 WITH INIT", log)

	got := runNotices(t, db, "RESTORE DATABASE copy FROM DISK = @p1 WITH NORECOVERY, STATS, "+
		"MOVE 'pchat' TO 'C:\\data\\copy.mdf', MOVE 'pchat_log' TO 'C:\\data\\copy_log.ldf'", full)
	if p := percentNotices(t, got); strings.Join(p, "|") != strings.Join(percentsUpTo(10), "|") {
		t.Fatalf("RESTORE DATABASE WITH STATS sent %q", p)
	}
	if last := got[len(got)-1]; last.number != 3014 || got[10].number != 4035 {
		t.Fatalf("RESTORE DATABASE messages %v", got)
	}
	wantTarget(t, got, "copy")
	got = runNotices(t, db, "RESTORE LOG copy FROM DISK = @p1 WITH RECOVERY, STATS = 50", log)
	if p := percentNotices(t, got); strings.Join(p, "|") != strings.Join(percentsUpTo(50), "|") {
		t.Fatalf("RESTORE LOG WITH STATS = 50 sent %q", p)
	}
	wantTarget(t, got, "copy")
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM copy.dbo.tblChat").Scan(&n); err != nil || n != 1 {
		t.Fatalf("restored copy: %v %d", err, n)
	}
}

func TestRestoreVerifyOnlyWithStatsSendsPercentProcessed(t *testing.T) {
	_, db, full := chatBackedUp(t)
	cases := []struct {
		with string
		want []string
	}{
		{" WITH STATS = 25", percentsUpTo(25)},
		{" WITH FILE = 1, STATS", percentsUpTo(10)},
		{"", nil},
	}
	for _, c := range cases {
		got := runNotices(t, db, "RESTORE VERIFYONLY FROM DISK = @p1"+c.with, full)
		if p := percentNotices(t, got); strings.Join(p, "|") != strings.Join(c.want, "|") {
			t.Errorf("RESTORE VERIFYONLY%s sent %q", c.with, p)
		}
		if len(got) != len(c.want)+1 || got[len(got)-1].text != "The backup set on file 1 is valid." {
			t.Errorf("RESTORE VERIFYONLY%s messages %v", c.with, got)
		}
	}
}

// wantTarget checks that every 4035 "Processed N pages for database …"
// message names database db.
func wantTarget(t *testing.T, all []notice, db string) {
	t.Helper()
	for _, n := range all {
		if n.number == 4035 && !strings.Contains(n.text, "for database '"+db+"', file ") {
			t.Fatalf("4035 does not name %s: %q", db, n.text)
		}
	}
}

func TestNoTruncateTailOfASuspectDatabase(t *testing.T) {
	l, db, full := chatBackedUp(t)
	tail := filepath.Join(filepath.Dir(full), "pchat_tail.trn")
	if err := l.inst.AlterDatabase("pchat", func(in *engine.DatabaseInfo) error {
		in.State = engine.StateSuspect
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Exec("BACKUP LOG pchat TO DISK = @p1", tail)
	if e, ok := err.(mssql.Error); !ok || e.All[0].Number != 926 || e.Number != 3013 {
		t.Fatalf("BACKUP LOG of a SUSPECT database without NO_TRUNCATE: %v", err)
	}
	mustExec(t, db, "BACKUP LOG pchat TO DISK = @p1 WITH NO_TRUNCATE, INIT", tail)
	hdr := queryMap(t, db, "RESTORE HEADERONLY FROM DISK = @p1", tail)
	if len(hdr) != 1 || hdr[0]["IsDamaged"] != "true" || hdr[0]["HasIncompleteMetaData"] != "true" {
		t.Fatalf("HEADERONLY of the tail: %v", hdr)
	}
	set := queryMap(t, db, "SELECT is_damaged, has_incomplete_metadata FROM msdb.dbo.backupset WHERE type = 'L'")
	if len(set) != 1 || set[0]["is_damaged"] != "true" || set[0]["has_incomplete_metadata"] != "true" {
		t.Fatalf("backupset of the tail: %v", set)
	}
	mustExec(t, db, "RESTORE DATABASE copy FROM DISK = @p1 WITH NORECOVERY"+moveCopy("pchat", "copy"), full)
	mustExec(t, db, "RESTORE LOG copy FROM DISK = @p1", tail)
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM copy.dbo.tblChat").Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows restored from the tail: %v %d", err, n)
	}
}
