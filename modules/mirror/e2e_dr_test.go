package mirror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/modules/connection"
	"pcsh/modules/connection/labpassword"
	_ "pcsh/modules/pchat" // the pool state's backend (the lab CMS) and its reader
	"pcsh/runtime/cmdlet"
)

// The disaster recovery tests run the standard two-data-center layout in
// process: DC1 with dc1-sql1, dc1-sql2 and dc1-witness, DC2 with dc2-sql1
// (backup) and dc2-sql2 (backup mirror), a lab CMS for the pool state
// and a topology document without `state`.

const e2eDRTopology = `return {
  sites = { { name = "DC1", frontEnd = "fe1.lab.local" }, { name = "DC2", frontEnd = "fe2.lab.local" } },
  chatPools = { {
    fqdn = "pc.lab.local", nextHop = "fe1.lab.local", defaultFor = { "DC1", "DC2" }, disasterRecovery = true,
    fileStore = [[\\fs1.lab.local\lyncfs]],
    servers = { { fqdn = "pc1.lab.local", site = "DC1", active = true }, { fqdn = "pc5.lab.local", site = "DC2" } },
    stores = { primary = "dc1-sql1", mirror = "dc1-sql2", witness = "dc1-witness", backup = "dc2-sql1", backupMirror = "dc2-sql2" },
  } },
  sqlStores = {
    %s
  },
}
`

// startDR serves the five instances and writes lab.json, topology.lua, a
// share directory and the CMS directory (PCSH_CMS_DIR, seeded Normal from
// the topology on first use).
func startDR(t *testing.T) *labDC {
	t.Helper()
	dc := &labDC{dir: t.TempDir(), stop: map[string]context.CancelFunc{}}
	dc.env = map[string]string{connection.LabFileEnv: filepath.Join(dc.dir, "lab.json"), labpassword.Env: e2ePassword,
		"PCSH_TOPOLOGY": filepath.Join(dc.dir, "topology.lua"), "PCSH_CMS_DIR": filepath.Join(dc.dir, "cms"), "HOME": dc.dir}
	var instances []map[string]any
	var stores []string
	for i, name := range []string{"dc1-sql1", "dc1-sql2", "dc1-witness", "dc2-sql1", "dc2-sql2"} {
		host := loopback(2 + i)
		h, p, _ := net.SplitHostPort(dc.serve(t, name, host))
		var port int
		fmt.Sscan(p, &port)
		instances = append(instances, map[string]any{"name": name, "host": name + ".lab.local", "address": h, "port": port})
		stores = append(stores, fmt.Sprintf(`{ name = %q, host = "%s.lab.local", site = %q, version = "2012", edition = "Enterprise", mirroringPort = %d },`,
			name, name, strings.ToUpper(name[:3]), freePort(t, host)))
	}
	data, _ := json.Marshal(map[string]any{"instances": instances})
	write(t, dc.env[connection.LabFileEnv], string(data))
	write(t, dc.env["PCSH_TOPOLOGY"], fmt.Sprintf(e2eDRTopology, strings.Join(stores, "\n    ")))
	for _, d := range []string{"share", "cms"} {
		if err := os.Mkdir(filepath.Join(dc.dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dc
}

// recoverOnBackup leaves dc2-sql1 as R3 step 4 does: mgc restored from
// the primary's full and log backups WITH NORECOVERY, as log shipping
// keeps it, then recovered ONLINE. dc1-sql1 keeps its mgc ONLINE.
func (dc *labDC) recoverOnBackup(t *testing.T) {
	t.Helper()
	dc.seedMgc(t)
	full, log := filepath.Join(dc.dir, "share", "mgc_full.bak"), filepath.Join(dc.dir, "share", "mgc_1.trn")
	dc.sql(t, "dc1-sql1", "BACKUP DATABASE [mgc] TO DISK = N'"+full+"' WITH INIT")
	dc.sql(t, "dc1-sql1", "INSERT INTO mgc.dbo.tblChat VALUES (4, N'd')")
	dc.sql(t, "dc1-sql1", "BACKUP LOG [mgc] TO DISK = N'"+log+"' WITH INIT")
	dc.sql(t, "dc2-sql1", "RESTORE DATABASE [mgc] FROM DISK = N'"+full+"' WITH NORECOVERY")
	dc.sql(t, "dc2-sql1", "RESTORE LOG [mgc] FROM DISK = N'"+log+"' WITH NORECOVERY")
	dc.sql(t, "dc2-sql1", "RESTORE DATABASE [mgc] WITH RECOVERY")
}

func (dc *labDC) installOn(server string) string {
	return fmt.Sprintf(`Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn %s -FileShare %s -DropExistingDatabasesOnMirror -Timeout 30s -Confirm:$false`,
		server, shellQuote(filepath.Join(dc.dir, "share")))
}

// TestE2EMirrorAfterFailoverToBackup is R3 steps 4 to 6 on the lab: the
// backup's mgc recovered from log shipping, the pool FailedOver in the
// CMS, then mirroring to the backup mirror. The recovered database's msdb
// holds the primary's backup history, which the old seed took for its
// own and answered with copy-only backups: SET PARTNER failed with 1478
// and left dc2-sql2 a MIRROR, DISCONNECTED. Now the seed starts the chain
// and the session is SYNCHRONIZED; a second run is done, by the session's
// state; the pool state is read from the CMS (the topology has none), so
// Get-CsDatabaseMirrorState reads the backup pair and Test-PcTopology
// checks the FailedOver layout; and with dc1-sql1's mgc still ONLINE the
// split brain is reported, with dc2-sql1 as the copy in use.
func TestE2EMirrorAfterFailoverToBackup(t *testing.T) {
	dc := startDR(t)
	dc.recoverOnBackup(t)
	if r := dc.run(t, "Test-PcTopology"); r.err != nil || hasFinding(t, r.out, "pc1.lab.local") {
		t.Fatalf("Normal: %v %+v", r.err, r.out)
	}
	if r := dc.run(t, `Set-CsPersistentChatState -Identity service:pc.lab.local -PoolState FailedOver -Confirm:$false`); r.err != nil {
		t.Fatalf("pool state: %v", r.err)
	}

	r := dc.run(t, dc.installOn("dc2-sql1.lab.local"))
	if r.err != nil {
		t.Fatalf("install on the recovered backup: %v\n%s", r.err, r.host.Text())
	}
	if prop(t, r.out[0], "Mirror") != "dc2-sql2.lab.local" || prop(t, r.out[0], "MirroringState") != "SYNCHRONIZED" {
		t.Fatalf("install: %+v", r.out[0])
	}
	dc.wantRole(t, "dc2-sql1", "PRINCIPAL", "SYNCHRONIZED")
	dc.wantRole(t, "dc2-sql2", "MIRROR", "SYNCHRONIZED")

	r = dc.run(t, dc.installOn("dc2-sql1.lab.local"))
	if r.err != nil || !strings.Contains(r.host.Text(), "mgc is already mirrored from dc2-sql1.lab.local to dc2-sql2.lab.local (SYNCHRONIZED); nothing was changed.") {
		t.Fatalf("second run: %v\n%s", r.err, r.host.Text())
	}

	r = dc.run(t, "Get-CsDatabaseMirrorState -PoolFqdn pc.lab.local")
	if r.err != nil || len(r.out) != 1 {
		t.Fatalf("state: %v %+v", r.err, r.out)
	}
	o := r.out[0]
	if prop(t, o, "PoolState") != "FailedOver" || prop(t, o, "StateOnPrimary") != "Principal" || prop(t, o, "StateOnMirror") != "Mirror" {
		t.Fatalf("the backup pair was not read: %+v", o)
	}
	if prop(t, o, "SplitBrain") != true || prop(t, o, "InUse") != "dc2-sql1.lab.local" ||
		fmt.Sprint(prop(t, o, "WritableCopies")) != "[dc1-sql1.lab.local dc2-sql1.lab.local]" {
		t.Fatalf("split brain not detected: %+v", o)
	}
	if !strings.Contains(r.host.Text(), "Split brain: mgc is writable (ONLINE, READ_WRITE, not a mirror) on dc1-sql1.lab.local and dc2-sql1.lab.local. The pool pc.lab.local is FailedOver and uses dc2-sql1.lab.local") {
		t.Fatalf("no split brain warning:\n%s", r.host.Text())
	}

	r = dc.run(t, "Test-PcTopology")
	if r.err != nil || !hasFinding(t, r.out, "pc1.lab.local") {
		t.Fatalf("Test-PcTopology did not check the FailedOver layout (pc1 active in DC1): %v %+v", r.err, r.out)
	}

	// Once dc1-sql1 is fenced (here: stopped) there is one writable copy.
	dc.stop["dc1-sql1"]()
	r = dc.run(t, "Get-CsDatabaseMirrorState -PoolFqdn pc.lab.local")
	if r.err != nil || prop(t, r.out[0], "SplitBrain") != false || prop(t, r.out[0], "InUse") != "dc2-sql1.lab.local" ||
		strings.Contains(r.host.Text(), "Split brain") {
		t.Fatalf("after fencing: %v %+v\n%s", r.err, r.out, r.host.Text())
	}
}

func hasFinding(t *testing.T, out []any, target string) bool {
	t.Helper()
	for _, f := range out {
		if strings.Contains(fmt.Sprint(prop(t, f, "Target"))+" "+fmt.Sprint(prop(t, f, "Message")), target) {
			return true
		}
	}
	return false
}

// TestE2EInstallMirrorSessionStates judges "already done" by the real
// session: a stale session with the expected partner (the mirror's
// endpoint stopped, so DISCONNECTED) is reported as it is, not as already mirrored.
func TestE2EInstallMirrorSessionStates(t *testing.T) {
	dc := startDR(t)
	dc.seedMgc(t)
	if r := dc.run(t, dc.installOn("dc1-sql1.lab.local")); r.err != nil {
		t.Fatalf("install: %v\n%s", r.err, r.host.Text())
	}
	dc.sql(t, "dc1-sql2", "ALTER ENDPOINT [Mirroring] STATE = STOPPED")
	dc.wantRole(t, "dc1-sql1", "PRINCIPAL", "DISCONNECTED")
	r := dc.run(t, dc.installOn("dc1-sql1.lab.local"))
	if rec := cmdlet.AsRecord(r.err); r.err == nil || rec.ErrorID != "MirroringSessionNotHealthy" ||
		!strings.Contains(rec.Message, "the session is DISCONNECTED") || strings.Contains(r.host.Text(), "already mirrored") {
		t.Fatalf("a DISCONNECTED session: %v\n%s", r.err, r.host.Text())
	}
}

// failingSQL makes one statement fail on one instance: a fault in the
// middle of a set-up.
type failingSQL struct {
	SQL
	prefix string
}

func (f failingSQL) Exec(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	if strings.HasPrefix(q, f.prefix) {
		return nil, errors.New("injected fault: the connection to the instance was lost")
	}
	return f.SQL.Exec(ctx, q, args...)
}

// TestE2EInstallRollsBackOnFailure fails SET PARTNER on the principal,
// after the mirror's copy was restored, the endpoints created and the
// mirror's SET PARTNER ran: the old code stopped there, leaving the copy
// RESTORING in a DISCONNECTED session and the endpoints behind. Now each
// change is taken back, as rollback steps, and every instance is as it
// was; a second run then succeeds.
func TestE2EInstallRollsBackOnFailure(t *testing.T) {
	dc := startDR(t)
	dc.seedMgc(t)
	before := dc.snapshot(t)
	w := RealWorld()
	open := w.Open
	w.Open = func(ctx *cmdlet.Context, name string) (SQL, error) {
		s, err := open(ctx, name)
		if err == nil && strings.HasPrefix(name, "dc1-sql1") {
			s = failingSQL{SQL: s, prefix: "ALTER DATABASE [mgc] SET PARTNER = N'TCP://dc1-sql2"}
		}
		return s, err
	}
	r := invokeLine(t, dc.installOn("dc1-sql1.lab.local"), func(s *cmdlet.Session) {
		s.Getenv = func(k string) string { return dc.env[k] }
		Install(s, w)
	})
	if r.err == nil || !strings.Contains(r.err.Error(), "injected fault") {
		t.Fatalf("want the injected failure, got %v\n%s", r.err, r.host.Text())
	}
	for _, want := range []string{"Rolled back: ALTER DATABASE [mgc] SET PARTNER OFF on dc1-sql2.lab.local.",
		"Rolled back: DROP ENDPOINT [Mirroring] on dc1-witness.lab.local.", "Rolled back: DROP ENDPOINT [Mirroring] on dc1-sql2.lab.local.",
		"Rolled back: DROP ENDPOINT [Mirroring] on dc1-sql1.lab.local.", "Rolled back: DROP DATABASE [mgc] on dc1-sql2.lab.local."} {
		if !strings.Contains(r.host.Text(), want) {
			t.Errorf("no %q in\n%s", want, r.host.Text())
		}
	}
	if after := dc.snapshot(t); after != before {
		t.Fatalf("the instances are not as they were:\nbefore %s\nafter  %s", before, after)
	}
	if r := dc.run(t, dc.installOn("dc1-sql1.lab.local")); r.err != nil {
		t.Fatalf("a second run after the rollback: %v\n%s", r.err, r.host.Text())
	}
	dc.wantRole(t, "dc1-sql2", "MIRROR", "SYNCHRONIZED")
}

// snapshot describes mgc and the mirroring endpoint on each DC1 instance.
func (dc *labDC) snapshot(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, inst := range []string{"dc1-sql1", "dc1-sql2", "dc1-witness"} {
		dbs := dc.sql(t, inst, "SELECT d.name, d.state_desc, m.mirroring_role_desc FROM sys.databases AS d "+
			"LEFT JOIN sys.database_mirroring AS m ON m.database_id = d.database_id WHERE d.name = N'mgc'")
		eps := dc.sql(t, inst, "SELECT name FROM sys.database_mirroring_endpoints")
		fmt.Fprintf(&b, "%s: mgc", inst)
		for _, d := range dbs {
			fmt.Fprintf(&b, " %v/%v", prop(t, d, "state_desc"), prop(t, d, "mirroring_role_desc"))
		}
		fmt.Fprintf(&b, ", %d endpoint(s); ", len(eps))
	}
	return b.String()
}
