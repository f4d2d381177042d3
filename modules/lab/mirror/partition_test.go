package mirror

import (
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestPartitionHeal drops the partners' TCP connections and blocks the
// link: both sides are DISCONNECTED, the principal (no witness) runs
// exposed; when the link heals the session resumes and resynchronizes
// (Mirroring States; Possible Failures During Database Mirroring).
func TestPartitionHeal(t *testing.T) {
	fd := &faultDialer{}
	p, m := newNode(t, "P", fd), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 1)
	pair(t, p, m, "mgc")
	fd.cut()
	waitState(t, p, "mgc", StateDisconnected)
	waitState(t, m, "mgc", StateDisconnected)
	for range 10 {
		must(t, p.insert("mgc", "partitioned"))
	}
	fd.heal()
	waitState(t, p, "mgc", StateSynchronized)
	waitState(t, m, "mgc", StateSynchronized)
	pe, _ := p.inst.LogPosition("mgc")
	me, _ := m.inst.LogPosition("mgc")
	if me.RedoLSN <= pe.EndOfLog {
		t.Fatalf("mirror at %v, principal at %v", me.RedoLSN, pe.EndOfLog)
	}
}

// TestEndpointStopped: a STOPPED endpoint refuses connections and drops
// the session's; STARTED again, the session resumes.
func TestEndpointStopped(t *testing.T) {
	p, m := newNode(t, "P", nil), newNode(t, "M", nil)
	prepare(t, p, m, "mgc", 1)
	pair(t, p, m, "mgc")
	must(t, m.srv.AlterEndpoint(EndpointSpec{Name: "Mirroring", State: "STOPPED"}))
	waitState(t, p, "mgc", StateDisconnected)
	must(t, p.insert("mgc", "while-stopped"))
	must(t, m.srv.AlterEndpoint(EndpointSpec{Name: "Mirroring", State: "STARTED"}))
	waitState(t, p, "mgc", StateSynchronized)
}

// TestSilentPartitionQuorum isolates the principal from mirror and witness
// without closing connections (a soft error): after TIMEOUT the mirror and
// witness fail over, the principal loses quorum and stops serving
// (RECOVERING), so no commit is acknowledged twice; on healing the old
// principal becomes the mirror ("Quorum: How a witness affects database
// availability").
func TestSilentPartitionQuorum(t *testing.T) {
	fd := &faultDialer{}
	p, m, w := newNode(t, "P", fd), newNode(t, "M", nil), newNode(t, "W", nil)
	setupWitness(t, p, m, w, "mgc")
	start := time.Now()
	fd.silence()
	err := p.insert("mgc", "isolated")
	wantErr(t, err, 1479)
	waitRole(t, m, "mgc", engine.MirrorRolePrincipal, 8*time.Second)
	t.Logf("commit failed and mirror took over after %v", time.Since(start))
	if m.messages("mgc")["isolated"] {
		t.Log("the isolated commit reached the mirror before the partition (not acknowledged)")
	}
	eventually(t, 8*time.Second, "principal out of service", func() bool {
		info, _ := p.inst.Database("mgc")
		return info.State != engine.StateOnline
	})
	fd.heal()
	waitRole(t, p, "mgc", engine.MirrorRoleMirror, 8*time.Second)
	waitState(t, m, "mgc", StateSynchronized)
}
