package connection

import (
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestPartitionIsBoundedByTheConnectTimeout: an instance that never
// answers fails after one connect timeout, not once per retry, and the
// failover partner answering instead is a warning, not only a verbose line.
func TestPartitionIsBoundedByTheConnectTimeout(t *testing.T) {
	f, _, _ := labFixture(t)
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
	c.Target.Database = "master" // the mirror serves master, so the partner can answer
	res, err := c.Query(ctx, "SELECT @@SERVERNAME")
	if err != nil || res.Scalar() != "DC2-SQL1" {
		t.Fatalf("partner: %v %v", res, err)
	}
	if !strings.Contains(f.host.Text(), "warning: dc1-sql1.lab.local,14331 could not serve the request (login timeout expired after 300ms); its failover partner dc2-sql1.lab.local,14331 answered instead.") {
		t.Fatalf("no warning that the partner answered:\n%s", f.host.Text())
	}
}
