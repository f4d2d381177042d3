package mirror

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2EEndpointsSafetyAndState runs the endpoint cmdlets, the session
// settings and the Lync state reader against lab instances, checking each
// result through SQL: an endpoint created, read and tested before
// mirroring; on the mirrored pair Get-CsDatabaseMirrorState, SET PARTNER
// TIMEOUT, SAFETY OFF (witness removed first) and FULL; dropping an
// endpoint, refused while a session uses it.
func TestE2EEndpointsSafetyAndState(t *testing.T) {
	dc := startDC(t)
	dc.seedMgc(t)

	r := dc.run(t, "Test-PcMirroringEndpoint dc1-witness -Role Witness")
	if r.err != nil || prop(t, r.out[0], "Ok") != false || prop(t, r.out[0], "Problem") != "no database mirroring endpoint" {
		t.Fatalf("before: %v %+v", r.err, r.out)
	}
	port := freePort(t, loopback(4))
	r = dc.run(t, fmt.Sprintf("New-PcMirroringEndpoint dc1-witness -Name WitnessEP -Port %d -Role Witness", port))
	if r.err != nil {
		skipWithoutLabMirroring(t, r.err)
		t.Fatalf("New-PcMirroringEndpoint: %v", r.err)
	}
	wantAddr := fmt.Sprintf("TCP://dc1-witness.lab.local:%d", port)
	if prop(t, r.out[0], "Address") != wantAddr || prop(t, r.out[0], "State") != "STARTED" {
		t.Fatalf("created: %+v", r.out[0])
	}
	rows := dc.sql(t, "dc1-witness", "SELECT e.name, e.state_desc, e.role_desc, t.port FROM sys.database_mirroring_endpoints AS e JOIN sys.tcp_endpoints AS t ON t.endpoint_id = e.endpoint_id")
	if len(rows) != 1 || prop(t, rows[0], "name") != "WitnessEP" || prop(t, rows[0], "state_desc") != "STARTED" ||
		prop(t, rows[0], "role_desc") != "WITNESS" || fmt.Sprint(prop(t, rows[0], "port")) != fmt.Sprint(port) {
		t.Fatalf("catalog: %+v", rows)
	}
	r = dc.run(t, "Get-PcMirroringEndpoint dc1-witness")
	if r.err != nil || len(r.out) != 1 || prop(t, r.out[0], "Name") != "WitnessEP" || prop(t, r.out[0], "Role") != "WITNESS" {
		t.Fatalf("Get-PcMirroringEndpoint: %v %+v", r.err, r.out)
	}
	r = dc.run(t, "Test-PcMirroringEndpoint dc1-witness -Role Witness")
	if r.err != nil || prop(t, r.out[0], "Ok") != true || prop(t, r.out[0], "Listening") != true {
		t.Fatalf("after: %v %+v", r.err, r.out)
	}
	if r = dc.run(t, "Test-PcMirroringEndpoint dc1-witness -Role Partner"); prop(t, r.out[0], "Ok") != false {
		t.Fatalf("a witness endpoint serves no partner: %+v", r.out)
	}

	install := fmt.Sprintf(`Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn dc1-sql1.lab.local -FileShare %s -Timeout 30s -Force`,
		shellQuote(filepath.Join(dc.dir, "share")))
	if r = dc.run(t, install); r.err != nil {
		t.Fatalf("install: %v\n%s", r.err, r.host.Text())
	}
	dc.wantMirrorState(t, map[string]string{"DatabaseName": "mgc", "StateOnPrimary": "Principal", "StateOnMirror": "Mirror",
		"MirroringStatusOnPrimary": "synchronized", "MirroringStatusOnSecondary": "synchronized"})

	if r = dc.run(t, "Set-PcMirroringSafety dc1-sql1 -Database mgc -Timeout 20"); r.err != nil {
		t.Fatalf("timeout: %v", r.err)
	}
	dc.wantSession(t, "dc1-sql1", "FULL", "20", true)
	if r = dc.run(t, "Set-PcMirroringSafety dc1-sql1 -Database mgc -Safety Off"); errorID(r.err) != "ForceRequired" {
		t.Fatalf("SAFETY OFF without -Force: %v", r.err)
	}
	if r = dc.run(t, "Set-PcMirroringSafety dc1-sql1 -Database mgc -Safety Off -Force"); r.err != nil {
		t.Fatalf("SAFETY OFF: %v", r.err)
	}
	dc.wantSession(t, "dc1-sql1", "OFF", "20", false)
	if r = dc.run(t, "Set-PcMirroringSafety dc1-sql1 -Database mgc -Safety Full"); r.err != nil {
		t.Fatalf("SAFETY FULL: %v", r.err)
	}
	dc.wantSession(t, "dc1-sql1", "FULL", "20", false)

	if r = dc.run(t, "Remove-PcMirroringEndpoint dc1-sql2 -Force"); errorID(r.err) != "DataLossNotAllowed" {
		t.Fatalf("endpoint in use: %v", r.err)
	}
	if r = dc.run(t, "Remove-PcMirroringEndpoint dc1-witness"); r.err != nil {
		t.Fatalf("unused witness endpoint: %v", r.err)
	}
	if rows := dc.sql(t, "dc1-witness", "SELECT COUNT(*) AS n FROM sys.database_mirroring_endpoints"); prop(t, rows[0], "n") != int64(0) {
		t.Fatalf("the witness endpoint is still there: %+v", rows)
	}
	if r = dc.run(t, "Get-PcMirroringEndpoint dc1-witness"); r.err != nil || len(r.out) != 0 {
		t.Fatalf("after DROP ENDPOINT: %v %+v", r.err, r.out)
	}
}

// wantMirrorState waits up to 15 s for Get-CsDatabaseMirrorState to show
// want for mgc: the mirror reports SYNCHRONIZED a moment after the
// principal does.
func (dc *labDC) wantMirrorState(t *testing.T, want map[string]string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		r := dc.run(t, "Get-CsDatabaseMirrorState -PoolFqdn pc.lab.local -DatabaseType PersistentChat")
		if r.err != nil || len(r.out) != 1 {
			t.Fatalf("state: %v %+v", r.err, r.out)
		}
		var diff []string
		for k, v := range want {
			if got := prop(t, r.out[0], k); got != v {
				diff = append(diff, fmt.Sprintf("%s = %v, want %s", k, got, v))
			}
		}
		if len(diff) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Get-CsDatabaseMirrorState: %s", strings.Join(diff, "; "))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// wantSession checks mgc's mirroring row on instance: safety level,
// connection timeout, and whether a witness is set.
func (dc *labDC) wantSession(t *testing.T, instance, safety, timeout string, witness bool) {
	t.Helper()
	rows := dc.sql(t, instance, "SELECT m.mirroring_safety_level_desc AS safety, m.mirroring_connection_timeout AS timeout, "+
		"m.mirroring_witness_name AS witness FROM sys.database_mirroring AS m WHERE m.database_id = DB_ID(N'mgc')")
	if len(rows) != 1 {
		t.Fatalf("no mirroring row for mgc on %s", instance)
	}
	w, _ := prop(t, rows[0], "witness").(string)
	if prop(t, rows[0], "safety") != safety || fmt.Sprint(prop(t, rows[0], "timeout")) != timeout || (w != "") != witness {
		t.Fatalf("%s: %+v, want safety %s, timeout %s, witness %v", instance, rows[0], safety, timeout, witness)
	}
}
