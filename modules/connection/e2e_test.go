package connection

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

const labPW = "Lab-Secret-Pw1!"

// labFixture serves a principal and a mirror on loopback addresses and
// names them through a map resolver, as the topology module will.
func labFixture(t *testing.T) (*fixture, *cannedHandler, *cannedHandler) {
	f := newFixture(t)
	p := &cannedHandler{name: "DC1-SQL1", user: "sa", password: labPW}
	m := &cannedHandler{name: "DC2-SQL1", user: "sa", password: labPW, mirror: true}
	f.dialer.serve(t, "127.0.0.1:14331", p)
	f.dialer.serve(t, "127.0.0.2:14331", m)
	f.m.AddResolver(MapResolver{
		"dc1-sql1": {Host: "dc1-sql1.lab.local", Address: "127.0.0.1", Port: 14331, Partner: "dc2-sql1", TrustServerCertificate: true},
		"dc2-sql1": {Host: "dc2-sql1.lab.local", Address: "127.0.0.2", Port: 14331, Partner: "dc1-sql1", TrustServerCertificate: true},
	})
	f.env[PasswordEnv] = labPW
	f.env[UserEnv] = "sa"
	return f, p, m
}

func TestQueryWithParametersOverTLS(t *testing.T) {
	f, p, _ := labFixture(t)
	ctx := f.ctx(nil)
	c, err := Open(ctx, "dc1-sql1", Options{Database: "master"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(ctx, "SELECT name FROM sys.databases WHERE name = @name", sql.Named("name", "mgc'; DROP--"))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Scalar(); got != "mgc" {
		t.Fatalf("scalar = %v", got)
	}
	if len(p.params) != 1 || p.params[0][2].Value != "mgc'; DROP--" {
		t.Fatalf("the value did not travel as a parameter: %+v", p.params)
	}
	if p.batches[0] != "SELECT name FROM sys.databases WHERE name = @name" {
		t.Fatalf("statement text changed: %q", p.batches[0])
	}
	if li := p.logins[0]; li.AppName != AppName || li.Database != "master" {
		t.Fatalf("login = %+v", li)
	}
}

func TestRestoreProgressAndMessages(t *testing.T) {
	f, _, _ := labFixture(t)
	ctx := f.ctx(func(p *cmdlet.Prefs) { p.Verbose = true })
	c, err := Open(ctx, "dc1-sql1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "RESTORE DATABASE [mgc] FROM DISK = N'x' WITH STATS = 10", Activity("Restoring mgc")); err != nil {
		t.Fatal(err)
	}
	want := "progress: Restoring mgc: 10% complete\nprogress: Restoring mgc: 50% complete\nprogress: Restoring mgc: 100% complete\n" +
		"verbose: RESTORE DATABASE successfully processed 330 pages."
	if got := f.host.Text(); got != want {
		t.Fatalf("host got\n%q\nwant\n%q", got, want)
	}
}

func TestSQLErrorChainBecomesRecord(t *testing.T) {
	f, _, _ := labFixture(t)
	ctx := f.ctx(nil)
	c, _ := Open(ctx, "dc1-sql1", Options{})
	_, err := c.Exec(ctx, "BACKUP FAIL")
	var rec *cmdlet.ErrorRecord
	if !errors.As(err, &rec) {
		t.Fatalf("err = %T %v", err, err)
	}
	if rec.ErrorID != "SqlError4305" || rec.Category != cmdlet.CategoryInvalidOperation || rec.Target != "DC1-SQL1" {
		t.Fatalf("record = %+v", rec)
	}
	want := "Msg 4305, Level 16, State 1, Server DC1-SQL1, Line 1: The log in this backup set begins at LSN 42, which is too recent to apply to the database.\n" +
		"Msg 3013, Level 16, State 1, Server DC1-SQL1, Line 1: RESTORE LOG is terminating abnormally."
	if rec.Message != want {
		t.Fatalf("message:\n%s", rec.Message)
	}
	if ErrorNumber(err) != 4305 {
		t.Fatalf("ErrorNumber = %d", ErrorNumber(err))
	}
}

func TestFailoverPartnerWhenPrincipalIsMirror(t *testing.T) {
	f, p, m := labFixture(t)
	ctx := f.ctx(func(p *cmdlet.Prefs) { p.Verbose = true })
	// dc2-sql1 is the mirror: asking it for mgc fails with 954, so the
	// connection goes to its partner dc1-sql1.
	c, err := Open(ctx, "dc2-sql1", Options{Database: "mgc"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil {
		t.Fatal(err)
	}
	if res.Scalar() != "DC1-SQL1" || res.Server != "dc1-sql1.lab.local,14331" {
		t.Fatalf("served by %v (%s)", res.Scalar(), res.Server)
	}
	if len(m.logins) == 0 || len(p.logins) == 0 {
		t.Fatalf("logins: mirror %d, principal %d", len(m.logins), len(p.logins))
	}
	if !strings.Contains(f.host.Text(), "warning: dc2-sql1.lab.local,14331 could not serve the request") ||
		!strings.Contains(f.host.Text(), "its failover partner dc1-sql1.lab.local,14331 answered instead.") {
		t.Fatalf("no warning that the partner answered:\n%s", f.host.Text())
	}
	// The next call goes to the partner first.
	before := len(m.logins)
	if _, err := c.Query(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	if len(m.logins) != before {
		t.Fatalf("the mirror was tried again")
	}
}
