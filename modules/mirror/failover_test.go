package mirror

import (
	"strings"
	"testing"
)

const (
	principal   = `sql1.contoso.com\pchat`
	mirrorInst  = `sql1m.contoso.com\pchat`
	failoverCmd = `Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror`
)

func TestPlannedFailoverSwapsRoles(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, failoverCmd)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := strings.Join(fw.executed(), "\n"); got != principal+": ALTER DATABASE [mgc] SET PARTNER FAILOVER" {
		t.Fatalf("ran %s", got)
	}
	if fw.server(mirrorInst).dbs["mgc"].Role != "PRINCIPAL" || fw.server(principal).dbs["mgc"].Role != "MIRROR" {
		t.Fatal("roles not swapped")
	}
	if len(r.out) != 1 || prop(t, r.out[0], "Kind") != "Planned" || prop(t, r.out[0], "NewPrincipal") != mirrorInst {
		t.Fatalf("output %+v", r.out)
	}
	// Failing back runs on the new principal.
	back := fw.run(t, strings.Replace(failoverCmd, "Mirror", "Primary", 1))
	if back.err != nil || fw.server(principal).dbs["mgc"].Role != "PRINCIPAL" {
		t.Fatalf("failback: %v", back.err)
	}
}

func TestPlannedFailoverWhatIf(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, failoverCmd+" -WhatIf")
	if got := strings.Join(r.whatIf(), "\n"); r.err != nil || got != principal+": ALTER DATABASE [mgc] SET PARTNER FAILOVER" || len(fw.executed()) != 0 {
		t.Fatalf("err %v, what if %s, ran %v", r.err, got, fw.executed())
	}
}

func TestFailoverRefusals(t *testing.T) {
	cases := []struct {
		name, extra, id string
		setup           func(p, m *dbState, fw *fakeWorld)
	}{
		{"not synchronized", "", "NotSynchronized", func(p, m *dbState, _ *fakeWorld) { p.MirrorState, m.MirrorState = "SUSPENDED", "SUSPENDED" }},
		{"synchronizing past the timeout", " -Timeout 3s", "NotSynchronized", func(p, m *dbState, _ *fakeWorld) { p.MirrorState = "SYNCHRONIZING" }},
		{"safety off", "", "SafetyNotFull", func(p, m *dbState, _ *fakeWorld) { p.Safety = "OFF" }},
		{"wrong role", "", "WrongMirroringRole", func(p, m *dbState, _ *fakeWorld) { p.Role = "MIRROR" }},
		{"not mirrored", "", "MirroringNotConfigured", func(p, m *dbState, _ *fakeWorld) { m.Mirrored = false }},
		{"principal down without -AllowDataLoss", "", "DataLossNotAllowed", func(p, m *dbState, fw *fakeWorld) { fw.server(principal).down = true }},
		{"principal down: -Force does not allow data loss", " -Force", "DataLossNotAllowed", func(p, m *dbState, fw *fakeWorld) { fw.server(principal).down = true }},
		{"forced on a database that is not the mirror", " -AllowDataLoss", "WrongMirroringRole", func(p, m *dbState, fw *fakeWorld) {
			fw.server(principal).down = true
			m.Role = "NONE"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fw := newFakeWorld(t)
			p, m := fw.mirrorPair(principal, mirrorInst)
			c.setup(p, m, fw)
			r := fw.run(t, failoverCmd+c.extra)
			if errorID(r.err) != c.id {
				t.Fatalf("err = %v (%s), want %s", r.err, errorID(r.err), c.id)
			}
			if len(fw.executed()) != 0 {
				t.Fatalf("ran %v", fw.executed())
			}
		})
	}
}

func TestAlreadyPrincipalChangesNothing(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, strings.Replace(failoverCmd, "Mirror", "Primary", 1))
	if r.err != nil || len(fw.executed()) != 0 || !strings.Contains(r.host.Text(), "already the principal") {
		t.Fatalf("err %v, ran %v, host %s", r.err, fw.executed(), r.host.Text())
	}
}

func TestForcedFailoverOnlyOnTheMirrorWithAllowDataLoss(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	fw.server(principal).down = true
	r := fw.run(t, failoverCmd+" -AllowDataLoss")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := strings.Join(fw.executed(), "\n"); got != mirrorInst+": ALTER DATABASE [mgc] SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS" {
		t.Fatalf("ran %s", got)
	}
	host := r.host.Text()
	for _, want := range []string{"ends at LSN 41000000012300001", "failover LSN 41000000012000001", "(12 KB)", "SAFETY FULL"} {
		if !strings.Contains(host, want) {
			t.Errorf("the data loss warning lacks %q:\n%s", want, host)
		}
	}
	if len(r.out) != 1 || prop(t, r.out[0], "Kind") != "Forced" || prop(t, r.out[0], "MirroringState") != "SUSPENDED" ||
		prop(t, r.out[0], "MirrorEndOfLogLSN") != "41000000012300001" {
		t.Fatalf("output %+v", r.out)
	}
}
