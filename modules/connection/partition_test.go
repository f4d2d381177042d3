package connection

import (
	"context"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestPartitionIsBoundedByTheConnectTimeout: an instance that never
// answers fails after one connect timeout, not once per retry, and the
// failover partner answering instead is a warning, not only a verbose line.
func TestPartitionIsBoundedByTheConnectTimeout(t *testing.T) {
	f, _, m := labFixture(t)
	m.mirror = false // mgc failed over: the partner is its principal now
	f.m.ConnectTimeout = 300 * time.Millisecond
	f.dialer.hang = map[string]bool{"127.0.0.1:14331": true}
	ctx := f.ctx(nil)

	c, _ := Open(ctx, "dc1-sql1", Options{Database: "mgc"})
	c.Target.PartnerAddr = nil
	start := time.Now()
	_, err := c.Query(ctx, "SELECT 1")
	if err == nil || !strings.Contains(cmdlet.AsRecord(err).Message, "did not finish within 300ms") {
		t.Fatalf("error %v", err)
	}
	if took := time.Since(start); took > 900*time.Millisecond || len(f.clock.waits) != 0 {
		t.Fatalf("took %s with retry waits %v: one connect timeout is the bound", took, f.clock.waits)
	}

	c, _ = Open(ctx, "dc1-sql1", Options{Database: "mgc"})
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil || res.Scalar() != "DC2-SQL1" {
		t.Fatalf("partner: %v %v", res, err)
	}
	if !strings.Contains(f.host.Text(), "warning: dc1-sql1.lab.local,14331 could not serve the request (login timeout expired after 300ms); its failover partner dc2-sql1.lab.local,14331 answered instead.") {
		t.Fatalf("no warning that the partner answered:\n%s", f.host.Text())
	}
}

// primaryAddr is where labFixture serves dc1-sql1.
const primaryAddr = "127.0.0.1:14331"

// TestCommandTimeoutBoundsAnEstablishedConnection: a partition that cuts a
// connection already logged in (and pooled) leaves the statement on it
// unanswered, and go-mssqldb alone would wait for the cancel's
// acknowledgement and then reuse the dead connection. The statement fails
// after its command timeout plus the cancel grace, naming the instance and
// the timeout, is not retried, and the connection is not handed out again.
func TestCommandTimeoutBoundsAnEstablishedConnection(t *testing.T) {
	f, _, _ := labFixture(t)
	f.m.CancelGrace = 100 * time.Millisecond
	ctx := f.ctx(nil)
	c, _ := Open(ctx, "dc1-sql1", Options{Database: "master", CommandTimeout: 300 * time.Millisecond})
	for _, run := range []func(*cmdlet.Context, string, ...any) (*Result, error){c.Query, c.Exec} {
		f.dialer.partition(primaryAddr, false)
		if _, err := run(ctx, "SELECT 1"); err != nil {
			t.Fatal(err)
		}
		f.dialer.partition(primaryAddr, true)
		start := time.Now()
		_, err := run(ctx, "SELECT 1")
		took := time.Since(start)
		rec := cmdlet.AsRecord(err)
		if err == nil || rec.ErrorID != "SqlCommandTimeout" ||
			rec.Message != "The statement on dc1-sql1 did not finish within the command timeout of 300ms." {
			t.Fatalf("error %v (%s)", err, rec.ErrorID)
		}
		if bound := 3 * (300*time.Millisecond + f.m.CancelGrace); took > bound {
			t.Fatalf("took %s, more than %s", took, bound)
		}
	}
	if len(f.clock.waits) != 0 || f.m.sockets.len() != 0 {
		t.Fatalf("retry waits %v, %d sockets still bound: a timed-out batch is neither retried nor pooled", f.clock.waits, f.m.sockets.len())
	}
	f.dialer.partition(primaryAddr, false)
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil {
		t.Fatalf("after heal: %v", err)
	}
	if res.Scalar() != "DC1-SQL1" || len(f.clock.waits) != 0 {
		t.Fatalf("after heal: %v %v, waits %v (a dead pooled connection would need a retry)", res, err, f.clock.waits)
	}
}

// TestCancelEndsAStatementWithoutCommandTimeout: a statement without a
// command timeout (a RESTORE) on a partitioned connection still ends
// within the cancel grace of the caller's cancel (Ctrl-C).
func TestCancelEndsAStatementWithoutCommandTimeout(t *testing.T) {
	f, _, _ := labFixture(t)
	f.m.CancelGrace = 100 * time.Millisecond
	ctx := f.ctx(nil)
	c, _ := Open(ctx, "dc1-sql1", Options{Database: "master", CommandTimeout: -1})
	if _, err := c.Exec(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	f.dialer.partition(primaryAddr, true)
	cctx, cancel := context.WithCancel(context.Background())
	ctx.Context = cctx
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Exec(ctx, "RESTORE DATABASE mgc")
	if took, bound := time.Since(start), 3*(200*time.Millisecond+f.m.CancelGrace); err == nil || took > bound {
		t.Fatalf("error %v after %s (bound %s)", err, took, bound)
	}
}

// TestLoginTimeoutBoundsASilentServer: behind the lab's partition the TCP
// handshake completes and then nothing answers, so go-mssqldb waits for
// the PRELOGIN answer without watching its context. The login fails after
// the connect timeout, and the failover partner answering instead is
// written to the warning stream.
func TestLoginTimeoutBoundsASilentServer(t *testing.T) {
	f, _, m := labFixture(t)
	m.mirror = false // mgc failed over: the partner is its principal now
	f.m.ConnectTimeout = 300 * time.Millisecond
	f.dialer.partition(primaryAddr, true)
	ctx := f.ctx(nil)
	bound := 3 * f.m.ConnectTimeout

	c, _ := Open(ctx, "dc1-sql1", Options{Database: "mgc"})
	start := time.Now()
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if took := time.Since(start); err != nil || res.Scalar() != "DC2-SQL1" || took > bound {
		t.Fatalf("partner: %v %v after %s", res, err, took)
	}
	want := "warning: dc1-sql1.lab.local,14331 could not serve the request (login timeout expired after 300ms); its failover partner dc2-sql1.lab.local,14331 answered instead."
	if !strings.Contains(f.host.Text(), want) {
		t.Fatalf("no warning that the partner answered:\n%s", f.host.Text())
	}

	c, _ = Open(ctx, "dc1-sql1", Options{Database: "master"})
	c.Target.PartnerAddr = nil
	start = time.Now()
	_, err = c.Query(ctx, "SELECT 1")
	if took := time.Since(start); err == nil || cmdlet.AsRecord(err).Message !=
		"Cannot connect to dc1-sql1.lab.local,14331: the login did not finish within 300ms." || took > bound {
		t.Fatalf("error %v after %s", err, took)
	}
}

// TestPartnerNeverStandsInForSystemDatabases: master, msdb, model and
// tempdb (and no database) belong to the named instance: with it silent,
// a statement for them fails with its login timeout and never runs on
// the failover partner, which answers for a user database only.
func TestPartnerNeverStandsInForSystemDatabases(t *testing.T) {
	f, _, m := labFixture(t)
	m.mirror = false
	f.m.ConnectTimeout = 300 * time.Millisecond
	f.dialer.partition(primaryAddr, true)
	ctx := f.ctx(nil)
	for _, db := range []string{"master", "MSDB", "[model]", "tempdb", ""} {
		c, _ := Open(ctx, "dc1-sql1", Options{Database: db})
		c.Target.Database = db
		if res, err := c.Query(ctx, "SELECT @@SERVERNAME"); err == nil || !strings.Contains(cmdlet.AsRecord(err).Message, "dc1-sql1") {
			t.Fatalf("%q: %v %v, want the named instance's login timeout", db, res, err)
		}
	}
	if strings.Contains(f.host.Text(), "answered instead") || len(m.logins) != 0 {
		t.Fatalf("the partner answered for a system database: %d logins\n%s", len(m.logins), f.host.Text())
	}
	c, _ := Open(ctx, "dc1-sql1", Options{Database: "mgc"})
	if res, err := c.Query(ctx, "SELECT @@SERVERNAME"); err != nil || res.Scalar() != "DC2-SQL1" {
		t.Fatalf("mgc: %v %v, want its partner", res, err)
	}
}
