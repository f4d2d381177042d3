package mirror

import (
	"testing"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// TestSetupOrder: "Their order is significant" — SET PARTNER on the mirror
// first, then on the principal (ALTER DATABASE Database Mirroring; anchors
// §2.2). The session starts SYNCHRONIZING and becomes SYNCHRONIZED
// (Mirroring States).
func TestSetupOrder(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 3)
	pa, ma := p.endpoint("PARTNER"), m.endpoint("PARTNER")
	// Principal first: the mirror is not configured (1416).
	wantErr(t, p.srv.SetPartner("mgc", ma), 1416)
	must(t, m.srv.SetPartner("mgc", pa))
	must(t, p.srv.SetPartner("mgc", ma))
	waitState(t, p, "mgc", StateSynchronized)
	waitState(t, m, "mgc", StateSynchronized)
	row := mirroringRow(t, p, "mgc")
	if row[3] != "SYNCHRONIZED" || row[5] != "PRINCIPAL" || row[8] != "FULL" || row[11] != "M" || row[16] != int64(10) {
		t.Fatalf("principal row %v", row)
	}
	if row := mirroringRow(t, m, "mgc"); row[5] != "MIRROR" || row[3] != "SYNCHRONIZED" || row[11] != "P" {
		t.Fatalf("mirror row %v", row)
	}
	if p.srv.FailoverPartner("mgc") != "M" {
		t.Fatalf("failover partner %q", p.srv.FailoverPartner("mgc"))
	}
	// The mirror database refuses user access (954).
	wantErr(t, m.s.Use("mgc"), 954)
	wantErr(t, p.srv.SetPartner("mgc", ma), 1405)
}

// TestSetupPreconditions: the documented errors of SET PARTNER.
func TestSetupPreconditions(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 1)
	// No endpoint yet (1418); bad address (1449).
	wantErr(t, p.srv.SetPartner("mgc", "TCP://127.0.0.1:1"), 1418)
	pa, ma := p.endpoint("PARTNER"), m.endpoint("PARTNER")
	wantErr(t, p.srv.SetPartner("mgc", "127.0.0.1:5022"), 1449)
	// Remote database missing (1448) and not restoring (1464).
	must(t, p.inst.CreateDatabase("other"))
	must(t, p.inst.SetRecoveryModel("other", sqldb.RecoveryFull))
	wantErr(t, p.srv.SetPartner("other", ma), 1448)
	must(t, m.inst.CreateDatabase("other"))
	wantErr(t, p.srv.SetPartner("other", ma), 1464)
	// SIMPLE recovery (1465).
	must(t, p.inst.CreateDatabase("simple"))
	must(t, p.inst.SetRecoveryModel("simple", sqldb.RecoverySimple))
	wantErr(t, p.srv.SetPartner("simple", ma), 1465)
	// Partner is this instance (1452).
	must(t, m.srv.SetPartner("mgc", pa))
	wantErr(t, p.srv.SetPartner("mgc", pa), 1452)
	// Not mirrored (1416) for the other operations.
	wantErr(t, p.srv.Failover("other"), 1416)
	must(t, p.srv.SetPartner("mgc", ma))
	waitState(t, p, "mgc", StateSynchronized)
}

// TestLogNotCloseEnough: the mirror restored only the full backup while
// the principal has taken a log backup since (1478, "insufficient
// transaction log data").
func TestLogNotCloseEnough(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 1)
	must(t, p.insert("mgc", "after"))
	must(t, p.inst.BackupLog(t.Context(), p.s, "mgc", t.TempDir()+"/more.trn", engine.BackupOptions{}))
	pa, ma := p.endpoint("ALL"), m.endpoint("ALL")
	must(t, m.srv.SetPartner("mgc", pa))
	wantErr(t, p.srv.SetPartner("mgc", ma), 1478)
	// The refused attempt's connection is gone from both instances when
	// SET PARTNER returns, not some time later (sys.dm_db_mirroring_connections).
	for _, n := range []*node{p, m} {
		if c := openConns(n); c != 0 {
			t.Errorf("%s lists %d mirroring connections after the refused SET PARTNER, want 0", n.name, c)
		}
	}
}

// openConns is how many endpoint connections n's server lists.
func openConns(n *node) int {
	n.srv.connMu.Lock()
	defer n.srv.connMu.Unlock()
	return len(n.srv.conns)
}

// TestSafetyFullCommit: with SAFETY FULL a commit returns only once the
// mirror hardened it (Database Mirroring Operating Modes), so the row is
// on the mirror when Insert returns; the mirror shows it after failover.
func TestSafetyFullCommit(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 2)
	pair(t, p, m, "mgc")
	for i := range 20 {
		must(t, p.insert("mgc", "row"+string(rune('a'+i))))
		pos, _ := m.inst.LogPosition("mgc")
		end, _ := p.inst.LogPosition("mgc")
		if pos.RedoLSN <= end.EndOfLog {
			t.Fatalf("commit returned before the mirror hardened it: mirror %v principal %v", pos.RedoLSN, end.EndOfLog)
		}
	}
}

// TestManualFailover: FAILOVER on the principal swaps the roles with no
// data loss ("Manually fail over a database mirror", Role Switching); the
// former principal is a RESTORING mirror and resynchronizes; errors 1470
// (on the mirror), 1477 (SAFETY OFF).
func TestManualFailover(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 2)
	pair(t, p, m, "mgc")
	must(t, p.insert("mgc", "before-failover"))
	wantErr(t, m.srv.Failover("mgc"), 1470)
	must(t, p.srv.SetSafety("mgc", false))
	wantErr(t, p.srv.Failover("mgc"), 1477)
	must(t, p.srv.SetSafety("mgc", true))
	must(t, p.srv.Failover("mgc"))
	waitRole(t, m, "mgc", engine.MirrorRolePrincipal, 5e9)
	waitState(t, m, "mgc", StateSynchronized)
	waitState(t, p, "mgc", StateSynchronized)
	if info, _ := p.inst.Database("mgc"); info.State != engine.StateRestoring {
		t.Fatalf("old principal is %v", info.State)
	}
	if n := m.count("mgc"); n != 3 {
		t.Fatalf("new principal has %d rows", n)
	}
	must(t, m.insert("mgc", "after-failover"))
	if row := mirroringRow(t, m, "mgc"); row[6] != int64(2) || row[5] != "PRINCIPAL" {
		t.Fatalf("role sequence/role %v", row)
	}
	// And back.
	must(t, m.srv.Failover("mgc"))
	waitRole(t, p, "mgc", engine.MirrorRolePrincipal, 5e9)
	waitState(t, p, "mgc", StateSynchronized)
	if n := p.count("mgc"); n != 4 {
		t.Fatalf("failed back with %d rows", n)
	}
}
