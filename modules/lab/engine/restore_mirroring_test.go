package engine

import (
	"context"
	"pcsh/modules/lab/sqldb"
	"testing"
)

// TestRestoreDropsMirroringRow: the full and log backups of a mirrored
// principal hold its mirroring row (the principal's GUID, role and
// partner); the database restored from them has none WITH NORECOVERY,
// after RESTORE LOG, WITH STANDBY, after recovery and after the instance
// restarts. Source: "Prepare a Mirror Database for Mirroring" (the mirror
// database is restored WITH NORECOVERY and joins a session only through
// ALTER DATABASE … SET PARTNER).
func TestRestoreDropsMirroringRow(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.SetRecoveryModel("mgc", sqldb.RecoveryFull))
	must(t, p.prim.SetMirroring("mgc", &Mirroring{GUID: [16]byte{7, 7}, Role: MirrorRolePrincipal, RoleSequence: 1,
		State: 4, SafetyLevel: 2, PartnerName: "TCP://dc1-sql2.lab.local:5022", PartnerInstance: "dc1-sql2",
		WitnessName: "TCP://dc1-witness.lab.local:5022", ConnectionTimeout: 10}))
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "after full")
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l1.trn"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "after l1")
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l2.trn"), BackupOptions{}))

	noRow := func(when string) {
		t.Helper()
		in, err := p.sec.Database("mgc")
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if in.Mirroring != nil {
			t.Fatalf("%s: the restored copy carries a mirroring row: %+v", when, *in.Mirroring)
		}
	}
	must(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", p.file("mgc.bak"), RestoreOptions{NoRecovery: true}))
	noRow("RESTORE DATABASE WITH NORECOVERY")
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l1.trn"), RestoreOptions{Standby: p.file("mgc.tuf")}))
	noRow("RESTORE LOG WITH STANDBY")
	must(t, p.sec.Close())
	p.sec = openTest(t, p.sd)
	p.ss = connect(t, p.sec, "master")
	noRow("restart in STANDBY")
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l2.trn"), RestoreOptions{NoRecovery: true}))
	noRow("RESTORE LOG WITH NORECOVERY")
	must(t, p.sec.RestoreRecovery(ctx, p.ss, "mgc"))
	noRow("RESTORE DATABASE WITH RECOVERY")
	if got := rows(t, p.ss, "mgc", "chat"); len(got) != 3 {
		t.Fatalf("recovered copy has %d rows, want 3", len(got))
	}
	must(t, p.sec.Close())
	p.sec = openTest(t, p.sd)
	noRow("restart after recovery")
}
