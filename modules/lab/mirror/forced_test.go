package mirror

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestForcedServiceSafetyOff: in high-performance mode (SAFETY OFF) the
// principal commits without waiting and keeps a send queue; after the
// principal is lost, FORCE_SERVICE_ALLOW_DATA_LOSS on the mirror serves
// the database with at most the reported send queue lost ("Force database
// mirroring service", Database Mirroring Operating Modes). The session is
// SUSPENDED; the old principal comes back as the mirror, RESUME re-seeds
// it (its log diverged) and it synchronizes.
func TestForcedServiceSafetyOff(t *testing.T) {
	fd := &faultDialer{}
	p, m := newNode(t, "P", fd), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 0)
	pair(t, p, m, "mgc")
	wantErr(t, m.srv.SetSafety("mgc", false), 1470)
	must(t, p.srv.SetSafety("mgc", false))
	wantErr(t, m.srv.Resume("mgc"), 1470)
	_, err := m.srv.ForceService("mgc")
	wantErr(t, err, 1455) // the principal is still connected
	fd.slow(3 * time.Millisecond)
	const n = 200
	for i := range n {
		must(t, p.insert("mgc", fmt.Sprintf("r%d", i)))
	}
	st, err := p.srv.Status("mgc")
	must(t, err)
	p.kill()
	waitState(t, m, "mgc", StateDisconnected)
	rep, err := m.srv.ForceService("mgc")
	must(t, err)
	lost := n - m.count("mgc")
	t.Logf("send queue at the kill: %d transactions (%d KB); lost %d; mirror report %+v",
		st.SendQueueTransactions, st.SendQueueKB, lost, rep)
	if lost > int(st.SendQueueTransactions) {
		t.Fatalf("lost %d transactions, more than the reported send queue %d", lost, st.SendQueueTransactions)
	}
	if row := mirroringRow(t, m, "mgc"); row[3] != "SUSPENDED" || row[5] != "PRINCIPAL" {
		t.Fatalf("after forced service %v", row)
	}
	must(t, m.insert("mgc", "after-force"))
	fd.slow(0)
	p.restart()
	waitRole(t, p, "mgc", engine.MirrorRoleMirror, 5*time.Second)
	waitState(t, m, "mgc", StateSuspended)
	must(t, m.srv.Resume("mgc"))
	waitState(t, m, "mgc", StateSynchronized)
	want := m.messages("mgc")
	must(t, m.srv.SetSafety("mgc", true))
	must(t, m.srv.Failover("mgc"))
	waitRole(t, p, "mgc", engine.MirrorRolePrincipal, 5*time.Second)
	got := p.messages("mgc")
	if len(got) != len(want) || !got["after-force"] {
		t.Fatalf("re-seeded copy has %d rows, want %d", len(got), len(want))
	}
}

// TestSuspendResumeOff: SUSPEND on either partner suspends the session
// (the principal runs exposed, the log is kept); RESUME resynchronizes;
// OFF removes mirroring, leaving the principal ONLINE and the mirror
// RESTORING (Pausing and Resuming Database Mirroring, Removing Database
// Mirroring).
func TestSuspendResumeOff(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 1)
	pair(t, p, m, "mgc")
	must(t, m.srv.Suspend("mgc"))
	waitState(t, p, "mgc", StateSuspended)
	waitState(t, m, "mgc", StateSuspended)
	for range 3 {
		must(t, p.insert("mgc", "while-suspended"))
	}
	if st, _ := p.srv.Status("mgc"); st.SendQueueTransactions != 3 {
		t.Fatalf("send queue %+v", st)
	}
	must(t, p.srv.Resume("mgc"))
	waitState(t, p, "mgc", StateSynchronized)
	if st, _ := p.srv.Status("mgc"); st.SendQueueTransactions != 0 {
		t.Fatalf("send queue after resume %+v", st)
	}
	wantErr(t, p.srv.SetTimeout("mgc", 40000), 1476)
	must(t, p.srv.SetTimeout("mgc", 2))
	eventually(t, 5*time.Second, "timeout on the mirror", func() bool {
		return mirroringRow(t, m, "mgc")[16] == int64(5)
	})
	must(t, p.srv.Off("mgc"))
	eventually(t, 5*time.Second, "mirroring removed on both", func() bool {
		pi, _ := p.inst.Database("mgc")
		mi, _ := m.inst.Database("mgc")
		return pi.Mirroring == nil && mi.Mirroring == nil
	})
	if mi, _ := m.inst.Database("mgc"); mi.State != engine.StateRestoring {
		t.Fatalf("mirror after OFF: %v", mi.State)
	}
	if row := mirroringRow(t, p, "mgc"); row[1] != nil {
		t.Fatalf("unmirrored row %v", row)
	}
	wantErr(t, p.srv.Suspend("mgc"), 1416)
}

// TestForcedServiceKeepsTheFormerPrincipalsTail: after forced service the
// former principal, cut off while it kept committing, rejoins as the
// mirror with the session SUSPENDED and its divergent log kept, also
// across a restart; once mirroring is removed it can be recovered with
// the transactions the new principal never received, so they can be
// salvaged ("Role Switching During a Database Mirroring Session", Managing
// the Potential Data Loss: "The mirror database will not be rolled back
// unless you resume mirroring"; "Removing mirroring would allow the
// database administrator to recover the original principal database").
func TestForcedServiceKeepsTheFormerPrincipalsTail(t *testing.T) {
	fd := &faultDialer{}
	p, m := newNode(t, "P", fd), newNode(t, "M", fd)
	prepare(t, p, m, "mgc", 0)
	pair(t, p, m, "mgc")
	must(t, p.srv.SetSafety("mgc", false))
	fd.cut()
	waitState(t, m, "mgc", StateDisconnected)
	for i := range 20 {
		must(t, p.insert("mgc", fmt.Sprintf("diverged-%d", i)))
	}
	_, err := m.srv.ForceService("mgc")
	must(t, err)
	must(t, m.insert("mgc", "after-force"))
	fd.heal()
	waitRole(t, p, "mgc", engine.MirrorRoleMirror, 5*time.Second)
	waitState(t, p, "mgc", StateSuspended)
	p.kill()
	p.restart()
	if row := mirroringRow(t, p, "mgc"); row[3] != "SUSPENDED" || row[5] != "MIRROR" {
		t.Fatalf("former principal after a restart: %v", row)
	}
	must(t, p.srv.Off("mgc"))
	if info, _ := p.inst.Database("mgc"); info.Mirroring != nil || info.State != engine.StateRestoring {
		t.Fatalf("former principal after SET PARTNER OFF: %v, %+v", info.State, info.Mirroring)
	}
	must(t, p.inst.RestoreRecovery(context.Background(), nil, "mgc"))
	got := p.messages("mgc")
	if len(got) != 20 || !got["diverged-19"] || got["after-force"] {
		t.Fatalf("former principal recovered with %v, want its 20 divergent rows", got)
	}
}
