package connection

import (
	"errors"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestNamedInstanceThroughBrowser: host\RTC without a port is resolved
// through the host's SQL Server Browser, and the query goes to that port.
func TestNamedInstanceThroughBrowser(t *testing.T) {
	f := newFixture(t)
	h := &cannedHandler{name: `SQL01\RTC`, user: "sa", password: labPW}
	f.dialer.serve(t, "sql01:49152", h)
	f.dialer.browse("sql01", map[string]int{"RTC": 49152})
	f.env[PasswordEnv], f.env[UserEnv] = labPW, "sa"
	ctx := f.ctx(func(p *cmdlet.Prefs) { p.Verbose = true })
	c, err := Open(ctx, `server=sql01\rtc;TrustServerCertificate=true`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Target.Port != 49152 {
		t.Fatalf("port %d", c.Target.Port)
	}
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil || res.Scalar() != `SQL01\RTC` {
		t.Fatalf("%v, %v", res, err)
	}
	if !strings.Contains(f.host.Text(), "The SQL Server Browser on sql01 gives instance rtc TCP port 49152.") {
		t.Fatalf("no verbose line:\n%s", f.host.Text())
	}
}

// TestUnknownInstanceErrorNamesInstanceAndHost: the Browser sends nothing
// for an instance it does not have; the error says which and where.
func TestUnknownInstanceErrorNamesInstanceAndHost(t *testing.T) {
	f := newFixture(t)
	f.m.BrowserWait = 20 * time.Millisecond
	f.dialer.browse("sql01", map[string]int{"RTC": 49152})
	_, err := f.m.Resolve(f.ctx(nil), `sql01\LYNC`)
	var r *cmdlet.ErrorRecord
	if !errors.As(err, &r) || r.ErrorID != "SqlBrowserNoAnswer" {
		t.Fatalf("err %v", err)
	}
	want := `Cannot resolve the SQL instance sql01\LYNC: the SQL Server Browser on sql01 (UDP 1434) did not answer for instance LYNC within 40ms.`
	if !strings.HasPrefix(r.Message, want) || !strings.Contains(r.Hint, `sql01\LYNC,PORT`) {
		t.Fatalf("message %q, hint %q", r.Message, r.Hint)
	}
	_, err = f.m.Resolve(f.ctx(nil), `sql02\RTC`)
	if !errors.As(err, &r) || r.ErrorID != "SqlBrowserNotRunning" || !strings.Contains(r.Message, "no SQL Server Browser listens on sql02") {
		t.Fatalf("no Browser: %v", err)
	}
}

// TestGetInstanceShowsResolvedPort: Get-PcSqlInstance shows the port the
// Browser gave, and a silent Browser as an error for that instance only.
func TestGetInstanceShowsResolvedPort(t *testing.T) {
	f := newFixture(t)
	f.m.BrowserWait = 20 * time.Millisecond
	f.dialer.browse("sql01", map[string]int{"RTC": 49152})
	out := run(t, f, "Get-PcSqlInstance", named("SqlInstance", `sql01\RTC`)) + run(t, f, "Get-PcSqlInstance", named("SqlInstance", `sql01\NOPE`))
	if !strings.Contains(out, "Port=49152\n") || !strings.Contains(out, "did not answer for instance NOPE") {
		t.Fatalf("got\n%s", out)
	}
}

// TestPartnerAnswersWhenPrincipalHasNoBrowser: with the principal's
// host down its Browser cannot answer either; the failover partner still
// does.
func TestPartnerAnswersWhenPrincipalHasNoBrowser(t *testing.T) {
	f := newFixture(t)
	f.m.BrowserWait = 20 * time.Millisecond
	m := &cannedHandler{name: `SQL02\RTC`, user: "sa", password: labPW}
	f.dialer.serve(t, "sql02:50000", m)
	f.dialer.browse("sql02", map[string]int{"RTC": 50000})
	f.m.AddResolver(MapResolver{"pc-sql": {Host: "sql01", Instance: "RTC", Partner: `sql02\RTC`, TrustServerCertificate: true}})
	f.env[PasswordEnv], f.env[UserEnv] = labPW, "sa"
	ctx := f.ctx(nil)
	c, err := Open(ctx, "pc-sql", Options{Database: "mgc"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil || res.Scalar() != `SQL02\RTC` {
		t.Fatalf("%v, %v", res, err)
	}
	// Without a partner the Browser's record is the error itself.
	c, _ = Open(ctx, `server=sql01\RTC;TrustServerCertificate=true`, Options{})
	if c != nil {
		t.Fatal("resolved without a Browser")
	}
}
