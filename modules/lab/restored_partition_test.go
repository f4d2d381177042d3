package lab

import (
	"net"
	"testing"
	"time"

	"pcsh/modules/lab/datacenter"
)

// TestPairSurvivesPartitionWithShippedSecondary is the drill of issue 10
// on the standard lab layout (datacenter.Standard, instances served
// in-process under the lab's fault plan): dc1-sql1 mirrors mgc to
// dc1-sql2 with dc1-witness (SAFETY FULL, TIMEOUT 5), log shipping
// restores its backups on dc2-sql1 in STANDBY, and dc2-sql1 restarts once.
// `pcsh lab fault partition dc1-sql1` for longer than the TIMEOUT makes
// dc1-sql2 the principal through the witness; after `heal` the original
// pair holds exactly one PRINCIPAL and one MIRROR, SYNCHRONIZED, the
// witness names the principal, mgc is usable on the principal (no 4060)
// and dc2-sql1 is still in no session. In the old lab the restored copy
// carried the principal's mirroring row, resumed it at the restart and
// spoke for the session to dc1-sql2 and the witness. Sources: Database
// Mirroring Operating Modes (automatic failover when the mirror and the
// witness lose the principal; the former principal rejoins as the mirror);
// ALTER DATABASE Database Mirroring (TIMEOUT: values 0-4 become 5).
func TestPairSurvivesPartitionWithShippedSecondary(t *testing.T) {
	if testing.Short() {
		t.Skip("serves four lab instances and waits out a partner timeout")
	}
	st := standardLab(t)
	p, m, w := serveLab(t, st, "dc1-sql1"), serveLab(t, st, "dc1-sql2"), serveLab(t, st, "dc1-witness")
	s, stop := serveLabStoppable(t, st, "dc2-sql1")
	mirrorDatabase(t, p, m, w, "mgc")
	p.exec(t, "ALTER DATABASE mgc SET PARTNER TIMEOUT 5")
	copyDir := st.CopyDirs["dc2-sql1"]
	seedStandby(t, p, s, st.ShareDir, copyDir)
	addShippingPrimary(t, p, st.ShareDir, s.name)
	addShippingSecondary(t, s, p.name, st.ShareDir, copyDir)
	awaitShipped(t, s, "shipped", commit(t, p.open(t, "mgc", nil), p, "shipped"))
	stop()
	s, _ = serveLabStoppable(t, st, "dc2-sql1")
	notMirrored(t, s, "mgc", "after a restart")
	pairIntact(t, p, m, w)

	const timeout = 5 * time.Second
	labFault(t, st, "partition", "dc1-sql1")
	waitUntil(t, timeout+10*time.Second, "dc1-sql2 to become the principal", func() bool {
		role, _ := m.session("mgc")
		return role == "PRINCIPAL"
	})
	time.Sleep(timeout) // the partition outlasts the TIMEOUT on the former principal too
	labFault(t, st, "heal", "dc1-sql1")
	pairIntact(t, m, p, w)
	if _, err := m.open(t, "mgc", nil).Exec("INSERT INTO dbo.chat (msg) VALUES (N'after heal')"); err != nil {
		t.Fatalf("mgc on the principal dc1-sql2 after heal: %v", err)
	}
	notMirrored(t, s, "mgc", "after the partition")
}

// standardLab describes the standard two-data-center layout in a
// temporary directory, skipping when its loopback addresses are missing.
func standardLab(t *testing.T) *datacenter.State {
	t.Helper()
	l := datacenter.Standard()
	for _, in := range l.Instances() {
		ln, err := net.Listen("tcp", in.Address+":0")
		if err != nil {
			t.Skipf("%s unavailable: %v", in.Address, err)
		}
		ln.Close()
	}
	st, err := datacenter.Describe(t.TempDir(), l)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// serveLab serves the lab instance name in-process under the lab's fault
// plan until the test ends.
func serveLab(t *testing.T, st *datacenter.State, name string) *served {
	t.Helper()
	s, _ := serveLabStoppable(t, st, name)
	return s
}

// serveLabStoppable is serveLab that also returns a function stopping
// the instance, its data kept for a restart.
func serveLabStoppable(t *testing.T, st *datacenter.State, name string) (*served, func()) {
	t.Helper()
	r, ok := st.Find(name)
	if !ok {
		t.Fatalf("no %s in the lab", name)
	}
	o := ServeOptions{Name: r.Name, Listen: r.Address + ":0", Data: r.DataDir, LabDir: st.Dir}
	line, stop := serveStoppable(t, o, mirrorPassword)
	return newServed(t, name, line), stop
}
