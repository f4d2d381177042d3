package lab

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRestoredSecondaryHasNoMirroringSession: DC1-SQL1 mirrors mgc to
// DC1-SQL2 with a witness; log shipping restores its backups on DC2-SQL1:
// a full backup taken while mgc is mirrored, then a log backup holding a
// TIMEOUT change and two role changes (a failover and a failback). The
// restored mgc is in no mirroring session (every mirroring column of
// sys.database_mirroring NULL, SET PARTNER OFF answers 1416) in STANDBY,
// RESTORING, after an instance restart, after RESTORE DATABASE … WITH
// RECOVERY and after another restart; the DC1 session is not disturbed;
// and DC2-SQL1 can then mirror mgc to DC2-SQL2 in a session of its own
// (failover runbook R3). Sources: "Prepare a Mirror Database for
// Mirroring" (a database restored WITH NORECOVERY joins a session only
// through ALTER DATABASE … SET PARTNER); sys.database_mirroring ("NULL =
// Database is inaccessible or is not mirrored"); ALTER DATABASE Database
// Mirroring (1416 for a database not configured for mirroring).
func TestRestoredSecondaryHasNoMirroringSession(t *testing.T) {
	if testing.Short() {
		t.Skip("serves five lab instances")
	}
	p, m, w := serveMirroring(t, "DC1-SQL1"), serveMirroring(t, "DC1-SQL2"), serveMirroring(t, "DC1-WITNESS")
	sData := filepath.Join(t.TempDir(), "DC2-SQL1")
	s, stop := serveRestartable(t, "DC2-SQL1", sData)
	mirrorDatabase(t, p, m, w, "mgc")
	share := backupDir(t)
	full, log := filepath.Join(share, "mgc_full.bak"), filepath.Join(share, "mgc_1.trn")
	p.exec(t, "INSERT INTO mgc.dbo.chat (msg) VALUES (N'before full')",
		"BACKUP DATABASE mgc TO DISK = N'"+full+"'",
		"INSERT INTO mgc.dbo.chat (msg) VALUES (N'after full')",
		"ALTER DATABASE mgc SET PARTNER TIMEOUT 12")
	failover(t, p, m)
	failover(t, m, p)
	p.exec(t, "BACKUP LOG mgc TO DISK = N'"+log+"'")

	s.exec(t, "RESTORE DATABASE mgc FROM DISK = N'"+full+"' WITH STANDBY = N'"+filepath.Join(share, "mgc.tuf")+"'")
	notMirrored(t, s, "mgc", "in STANDBY after RESTORE DATABASE")
	s.exec(t, "RESTORE LOG mgc FROM DISK = N'"+log+"' WITH NORECOVERY")
	notMirrored(t, s, "mgc", "RESTORING after RESTORE LOG")
	stop()
	s, stop = serveRestartable(t, "DC2-SQL1", sData)
	notMirrored(t, s, "mgc", "RESTORING after a restart")
	s.exec(t, "RESTORE DATABASE mgc WITH RECOVERY")
	notMirrored(t, s, "mgc", "after RESTORE DATABASE WITH RECOVERY")
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM mgc.dbo.chat").Scan(&n); err != nil || n != 2 {
		t.Fatalf("recovered mgc on DC2-SQL1: %d rows (%v), want 2", n, err)
	}
	stop()
	s, _ = serveRestartable(t, "DC2-SQL1", sData)
	notMirrored(t, s, "mgc", "ONLINE after a restart")
	if _, err := s.db.Exec("ALTER DATABASE mgc SET PARTNER OFF"); !hasSQLError(err, 1416, "mgc") {
		t.Fatalf("SET PARTNER OFF on the restored copy: %v, want 1416", err)
	}
	dc1 := pairIntact(t, p, m, w)

	// R3: DC2-SQL1 serves mgc and mirrors it to DC2-SQL2.
	s2 := serveMirroring(t, "DC2-SQL2")
	sEP, s2EP := s.endpoint(t, "PARTNER"), s2.endpoint(t, "PARTNER")
	startMirroring(t, s, s2, sEP, s2EP, "mgc")
	waitUntil(t, 20*time.Second, "DC2-SQL2 MIRROR SYNCHRONIZED", func() bool {
		role, st := s2.session("mgc")
		return role == "MIRROR" && st == "SYNCHRONIZED"
	})
	var guid, partner string
	err := s.db.QueryRow(`SELECT CONVERT(nvarchar(36), mirroring_guid), mirroring_partner_instance
FROM sys.database_mirroring WHERE database_id = DB_ID('mgc')`).Scan(&guid, &partner)
	if err != nil || guid == dc1 || partner != "DC2-SQL2" {
		t.Fatalf("DC2-SQL1's session: guid %s (DC1's %s), partner %s: %v; want a new session with DC2-SQL2",
			guid, dc1, partner, err)
	}
	pairIntact(t, p, m, w)
}

// serveRestartable serves an instance named name in-process on data and
// returns it with a function that stops it (keeping its data).
func serveRestartable(t *testing.T, name, data string) (*served, func()) {
	t.Helper()
	line, stop := serveStoppable(t, ServeOptions{Name: name, Listen: "127.0.0.1:0", Data: data}, mirrorPassword)
	return newServed(t, name, line), stop
}

// notMirrored fails the test unless db on s shows no mirroring session:
// its sys.database_mirroring row exists with every mirroring column NULL.
func notMirrored(t *testing.T, s *served, db, when string) {
	t.Helper()
	cols := []string{"mirroring_guid", "mirroring_state", "mirroring_state_desc", "mirroring_role",
		"mirroring_role_desc", "mirroring_role_sequence", "mirroring_safety_level", "mirroring_safety_sequence",
		"mirroring_partner_name", "mirroring_partner_instance", "mirroring_witness_name", "mirroring_witness_state",
		"mirroring_failover_lsn", "mirroring_connection_timeout", "mirroring_redo_queue_type",
		"mirroring_end_of_log_lsn", "mirroring_replication_lsn"}
	vals := make([]any, len(cols))
	for k := range vals {
		vals[k] = new(any)
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)"
	if err := s.db.QueryRow(q, db).Scan(vals...); err != nil {
		t.Fatalf("%s %s: sys.database_mirroring: %v", s.name, when, err)
	}
	for k, v := range vals {
		if x := *(v.(*any)); x != nil {
			t.Errorf("%s %s: %s is %v, want NULL (no mirroring session)", s.name, when, cols[k], x)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// pairIntact fails the test unless DC1's session is as mirrorDatabase
// left it: p PRINCIPAL and m MIRROR, both SYNCHRONIZED, and the witness w
// watching that one session with p as principal. It returns the session's
// mirroring_guid.
func pairIntact(t *testing.T, p, m, w *served) string {
	t.Helper()
	waitUntil(t, 20*time.Second, "DC1's pair PRINCIPAL/MIRROR SYNCHRONIZED", func() bool {
		pr, ps := p.session("mgc")
		mr, ms := m.session("mgc")
		return pr == "PRINCIPAL" && ps == "SYNCHRONIZED" && mr == "MIRROR" && ms == "SYNCHRONIZED"
	})
	var guid, principal, mirror string
	var n int
	err := w.db.QueryRow(`SELECT COUNT(*), MIN(CONVERT(nvarchar(36), mirroring_guid)), MIN(principal_server_name),
  MIN(mirror_server_name) FROM sys.database_mirroring_witnesses WHERE database_name = N'mgc'`).Scan(&n, &guid, &principal, &mirror)
	if err != nil || n != 1 || principal != p.name || mirror != m.name {
		t.Fatalf("the witness: %d sessions, principal %s, mirror %s (%v); want one, %s and %s",
			n, principal, mirror, err, p.name, m.name)
	}
	var pguid string
	if err := p.db.QueryRow("SELECT CONVERT(nvarchar(36), mirroring_guid) FROM sys.database_mirroring WHERE database_id = DB_ID('mgc')").
		Scan(&pguid); err != nil || pguid != guid {
		t.Fatalf("%s mirroring_guid %s, the witness's %s: %v", p.name, pguid, guid, err)
	}
	return guid
}
