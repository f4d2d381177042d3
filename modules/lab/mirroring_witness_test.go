package lab

import (
	"database/sql"
	"testing"
	"time"
)

// witnessRow is one partner's view of a session's witness in
// sys.database_mirroring.
type witnessRow struct {
	role, state, witness, witnessState string
}

// witnessView reads db's role, state, witness name and witness state on s.
func (s *served) witnessView(t *testing.T, db string) witnessRow {
	t.Helper()
	var r, st, w, ws sql.NullString
	if err := s.db.QueryRow("SELECT mirroring_role_desc, mirroring_state_desc, mirroring_witness_name, "+
		"mirroring_witness_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)", db).
		Scan(&r, &st, &w, &ws); err != nil {
		t.Fatalf("%s: sys.database_mirroring: %v", s.name, err)
	}
	return witnessRow{r.String, st.String, w.String, ws.String}
}

// waitWitness waits until s shows db in role with witness connected.
func waitWitness(t *testing.T, s *served, db, role, witness string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		got := s.witnessView(t, db)
		if got.role == role && got.witness == witness && got.witnessState == "CONNECTED" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s after %v: %+v, want %s with witness %s CONNECTED", s.name, d, got, role, witness)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWitnessSetRightAfterSynchronized is Install-CsMirrorDatabase's
// sequence: SET PARTNER on the mirror, then on the principal, wait until
// the principal shows SYNCHRONIZED and SET WITNESS at once, then SET
// PARTNER FAILOVER at once. Both partners name the witness in
// sys.database_mirroring when SET WITNESS returns, show it CONNECTED once
// their witness links are up, and keep it through SET PARTNER FAILOVER in
// both directions, so automatic failover keeps working. Before the fix
// the mirror learned the witness from the next ping (up to a second
// later), and a failover before that left the session without a witness.
func TestWitnessSetRightAfterSynchronized(t *testing.T) {
	p, m, w := serveMirroring(t, "DC1-SQL1"), serveMirroring(t, "DC1-SQL2"), serveMirroring(t, "DC1-WITNESS")
	wa := w.endpoint(t, "WITNESS")
	p.exec(t, "CREATE DATABASE mgc", "ALTER DATABASE mgc SET RECOVERY FULL",
		"CREATE TABLE mgc.dbo.chat (id int IDENTITY(1,1) PRIMARY KEY, msg nvarchar(40))")
	startMirroring(t, p, m, p.endpoint(t, "PARTNER"), m.endpoint(t, "PARTNER"), "mgc")
	p.exec(t, "ALTER DATABASE mgc SET WITNESS = N'"+wa+"'")

	for _, s := range []*served{p, m} {
		if got := s.witnessView(t, "mgc"); got.witness != wa {
			t.Fatalf("%s right after SET WITNESS: %+v, want witness %s", s.name, got, wa)
		}
	}

	p.exec(t, "ALTER DATABASE mgc SET PARTNER FAILOVER")
	waitWitness(t, m, "mgc", "PRINCIPAL", wa, 5*time.Second)
	waitWitness(t, p, "mgc", "MIRROR", wa, 5*time.Second)
	waitUntil(t, 20*time.Second, "DC1-SQL2 SYNCHRONIZED", func() bool { _, st := m.session("mgc"); return st == "SYNCHRONIZED" })

	m.exec(t, "ALTER DATABASE mgc SET PARTNER FAILOVER")
	waitWitness(t, p, "mgc", "PRINCIPAL", wa, 5*time.Second)
	waitWitness(t, m, "mgc", "MIRROR", wa, 5*time.Second)
	for _, s := range []*served{p, m} {
		if got := s.witnessView(t, "mgc"); got.witness != wa {
			t.Fatalf("%s: %+v after failing back, want witness %s", s.name, got, wa)
		}
	}
}
