package mirror

import (
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// newSlowPingNode is newNode with the lab's own ping pace (about a
// second), so nothing reaches the mirror by a ping within a test's
// sub-second window.
func newSlowPingNode(t *testing.T, name string) *node {
	t.Helper()
	n := &node{t: t, name: name, dir: t.TempDir(), ping: 2 * time.Second}
	n.start()
	t.Cleanup(n.kill)
	return n
}

// wantWitnessRow fails unless n's sys.database_mirroring row for db has
// role and names witness.
func wantWitnessRow(t *testing.T, n *node, db string, role uint8, witness, when string) {
	t.Helper()
	row := mirroringRow(t, n, db)
	if row[4] != int64(role) || row[12] != witness {
		t.Fatalf("%s %s: role %v, witness %q (%v), want role %d and witness %s", n.name, when, row[5], row[12], row[14],
			role, witness)
	}
}

// waitWitnessConnected waits until n's row shows the witness CONNECTED.
func waitWitnessConnected(t *testing.T, n *node, db, when string) {
	t.Helper()
	eventually(t, 2*time.Second, n.name+" witness CONNECTED "+when, func() bool {
		return mirroringRow(t, n, db)[14] == "CONNECTED"
	})
}

// wantSwitched checks both rows after a role switch: principal and
// mirror in their new roles, each naming witness, CONNECTED shortly.
func wantSwitched(t *testing.T, principal, mirror *node, db, witness, when string) {
	t.Helper()
	wantWitnessRow(t, principal, db, engine.MirrorRolePrincipal, witness, when)
	wantWitnessRow(t, mirror, db, engine.MirrorRoleMirror, witness, when)
	waitWitnessConnected(t, principal, db, when)
	waitWitnessConnected(t, mirror, db, when)
}

// TestWitnessSetRightAfterSynchronized is Install-CsMirrorDatabase's
// order: SET PARTNER on the mirror, then on the principal, SET WITNESS as
// soon as the principal is SYNCHRONIZED. The mirror's row names the
// witness when SET WITNESS returns (SQL Server shows the witness on both
// partners) and shows it CONNECTED once its own witness link is up; SET
// PARTNER FAILOVER, at once and back again, keeps the witness on both
// partners, so the session keeps automatic failover. Before the fix the
// mirror learned the witness from the next ping only: a failover before
// it made the new principal witness-less, and its pings then erased the
// witness on the former principal too.
func TestWitnessSetRightAfterSynchronized(t *testing.T) {
	p, m, w := newSlowPingNode(t, "P"), newSlowPingNode(t, "M"), newSlowPingNode(t, "W")
	prepare(t, p, m, "mgc", 3)
	pa, ma, wa := p.endpoint("PARTNER"), m.endpoint("PARTNER"), w.endpoint("WITNESS")
	must(t, m.srv.SetPartner("mgc", pa))
	must(t, p.srv.SetPartner("mgc", ma))
	waitState(t, p, "mgc", StateSynchronized)
	must(t, p.srv.SetWitness("mgc", wa))
	wantWitnessRow(t, p, "mgc", engine.MirrorRolePrincipal, wa, "after SET WITNESS")
	wantWitnessRow(t, m, "mgc", engine.MirrorRoleMirror, wa, "after SET WITNESS")
	waitWitnessConnected(t, m, "mgc", "after SET WITNESS")

	must(t, p.srv.Failover("mgc"))
	wantSwitched(t, m, p, "mgc", wa, "after the failover")

	waitState(t, m, "mgc", StateSynchronized)
	must(t, m.srv.Failover("mgc"))
	wantSwitched(t, p, m, "mgc", wa, "after failing back")
	eventually(t, 5*time.Second, "the witness sees P as principal, synchronized", func() bool {
		rows := w.srv.wit.rows()
		return len(rows) == 1 && rows[0][1] == "P" && rows[0][12] == "SYNCHRONIZED"
	})
}
