package mirror

import (
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// setupWitness pairs p and m over db with witness w and TIMEOUT 5.
func setupWitness(t *testing.T, p, m, w *node, db string) { t.Helper(); prepareWitness(t, p, m, w, db) }

// prepareWitness is setupWitness for tests and benchmarks.
func prepareWitness(t testing.TB, p, m, w *node, db string) {
	t.Helper()
	prepare(t, p, m, db, 5)
	pair(t, p, m, db)
	must(t, p.srv.SetTimeout(db, 5))
	must(t, p.srv.SetWitness(db, w.endpoint("WITNESS")))
	eventually(t, 5*time.Second, "witness connected and synchronized", func() bool {
		pst, _ := p.srv.Status(db)
		mst, _ := m.srv.Status(db)
		rows := w.srv.wit.rows()
		return pst.WitnessState == WitnessConnected && mst.WitnessState == WitnessConnected && len(rows) == 1 &&
			rows[0][11] == int64(PartnerSynchronized)
	})
}

// TestWitnessView: sys.database_mirroring_witnesses on the witness shows
// the session with the documented columns (Database Mirroring Witness
// Catalog Views); SET WITNESS needs a WITNESS or ALL endpoint (1427) on a
// third instance (1429) and runs on the principal (1470).
func TestWitnessView(t *testing.T) {
	p, m, w := newNode(t, "P", nil), newNode(t, "M", nil), newNode(t, "W", nil)
	prepare(t, p, m, "mgc", 1)
	pair(t, p, m, "mgc")
	wa := w.endpoint("PARTNER")
	wantErr(t, p.srv.SetWitness("mgc", wa), 1427)
	must(t, w.srv.AlterEndpoint(EndpointSpec{Name: "Mirroring", Role: "WITNESS"}))
	wantErr(t, m.srv.SetWitness("mgc", wa), 1470)
	wantErr(t, p.srv.SetWitness("mgc", p.srv.Address()), 1427)
	must(t, p.srv.SetWitness("mgc", wa))
	eventually(t, 5*time.Second, "witness row", func() bool {
		rows := w.srv.wit.rows()
		return len(rows) == 1 && rows[0][1] == "P" && rows[0][2] == "M" && rows[0][12] == "SYNCHRONIZED"
	})
	rel, err := w.s.Relation("master", "sys.database_mirroring_witnesses")
	must(t, err)
	if len(rel.Columns()) != 13 || engine.Len(rel) != 1 {
		t.Fatalf("witness view: %d columns, %d rows", len(rel.Columns()), engine.Len(rel))
	}
	if row := mirroringRow(t, p, "mgc"); row[12] != wa || row[14] != "CONNECTED" {
		t.Fatalf("principal witness columns %v", row)
	}
	must(t, p.srv.WitnessOff("mgc"))
	eventually(t, 5*time.Second, "witness forgets the session", func() bool { return len(w.srv.wit.rows()) == 0 })
}

// TestAutomaticFailover kills the principal during a stream of
// acknowledged inserts: the witness and the synchronized mirror form
// quorum and the mirror becomes principal within TIMEOUT + 1 s with every
// acknowledged row ("Quorum: How a witness affects database
// availability", Role Switching). The old principal comes back as the
// mirror (RESTORING) and resynchronizes.
func TestAutomaticFailover(t *testing.T) {
	p, m, w := newNode(t, "P", nil), newNode(t, "M", nil), newNode(t, "W", nil)
	setupWitness(t, p, m, w, "mgc")
	stop := make(chan struct{})
	done := p.writer("mgc", stop)
	time.Sleep(300 * time.Millisecond)
	killed := time.Now()
	p.srv.Kill()
	acked := <-done
	close(stop)
	p.kill()
	waitRole(t, m, "mgc", engine.MirrorRolePrincipal, 6*time.Second)
	if d := time.Since(killed); d > 6*time.Second {
		t.Fatalf("failover took %v, more than TIMEOUT + 1 s", d)
	}
	t.Logf("failover after %v, %d acknowledged rows", time.Since(killed), len(acked))
	got := m.messages("mgc")
	for _, msg := range acked {
		if !got[msg] {
			t.Fatalf("acknowledged row %s lost", msg)
		}
	}
	must(t, m.insert("mgc", "on-new-principal"))
	if row := mirroringRow(t, m, "mgc"); row[3] != "DISCONNECTED" || row[6] != int64(2) {
		t.Fatalf("new principal row %v", row)
	}
	p.restart()
	waitRole(t, p, "mgc", engine.MirrorRoleMirror, 5*time.Second)
	waitState(t, m, "mgc", StateSynchronized)
	if info, _ := p.inst.Database("mgc"); info.State != engine.StateRestoring {
		t.Fatalf("old principal is %v", info.State)
	}
	wantErr(t, p.s.Use("mgc"), 954)
	must(t, m.insert("mgc", "synced-again"))
	want := m.count("mgc")
	must(t, m.srv.Failover("mgc"))
	waitRole(t, p, "mgc", engine.MirrorRolePrincipal, 5*time.Second)
	if n := p.count("mgc"); n != want {
		t.Fatalf("after failing back %d rows, want %d", n, want)
	}
}

// TestMirrorLostPrincipalExposed: with a witness, a principal whose mirror
// is lost asks the witness and runs exposed (DISCONNECTED); commits go on
// and the mirror catches up when it comes back (witness-to-partner
// quorum).
func TestMirrorLostPrincipalExposed(t *testing.T) {
	p, m, w := newNode(t, "P", nil), newNode(t, "M", nil), newNode(t, "W", nil)
	setupWitness(t, p, m, w, "mgc")
	m.kill()
	waitState(t, p, "mgc", StateDisconnected)
	for range 5 {
		must(t, p.insert("mgc", "exposed"))
	}
	if rows := w.srv.wit.rows(); rows[0][12] != "UNSYNCHRONIZED" {
		t.Fatalf("witness still synchronized: %v", rows[0])
	}
	m.restart()
	waitState(t, p, "mgc", StateSynchronized)
	must(t, p.insert("mgc", "mirrored"))
	if st, _ := m.srv.Status("mgc"); st.Role != engine.MirrorRoleMirror {
		t.Fatalf("mirror role %v", st.Role)
	}
}
