package mirror

import (
	"strings"
	"testing"
)

func TestGetCsDatabaseMirrorState(t *testing.T) {
	fw := newFakeWorld(t)
	r := fw.run(t, "Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com")
	if r.err != nil || len(r.out) != 1 || prop(t, r.out[0], "StateOnPrimary") != NotEnabled || prop(t, r.out[0], "MirroringStatusOnPrimary") != "" {
		t.Fatalf("not mirrored: %v %+v", r.err, r.out)
	}
	fw.mirrorPair(principal, mirrorInst)
	fw.server(mirrorInst).down = true
	r = fw.run(t, "Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -DatabaseType PersistentChat")
	o := r.out[0]
	if prop(t, o, "DatabaseName") != "mgc" || prop(t, o, "StateOnPrimary") != "Principal" || prop(t, o, "MirroringStatusOnPrimary") != "synchronized" ||
		prop(t, o, "StateOnMirror") != NotEnabled {
		t.Fatalf("output %+v", o)
	}
}

func TestGetPcMirroringStatus(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, "Get-PcMirroringStatus sql1m")
	if r.err != nil || len(r.out) != 1 {
		t.Fatalf("%v %+v", r.err, r.out)
	}
	o := r.out[0]
	if prop(t, o, "SqlInstance") != mirrorInst || prop(t, o, "Role") != "MIRROR" || prop(t, o, "WitnessState") != "CONNECTED" ||
		prop(t, o, "RedoQueueKB") != int64(12) || prop(t, o, "FailoverLSN") != "41000000012000001" {
		t.Fatalf("status %+v", o)
	}
	r = fw.run(t, "Get-PcMirroringStatus sql2 -Database mgc")
	if len(r.errs) != 1 || r.errs[0].ErrorID != "MirroringNotConfigured" {
		t.Fatalf("errs %+v", r.errs)
	}
}

func TestSuspendResumeAndSafety(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	steps := []struct{ line, ran, state string }{
		{"Suspend-PcMirroring sql1m -Database mgc", mirrorInst + ": ALTER DATABASE [mgc] SET PARTNER SUSPEND", "SUSPENDED"},
		{"Resume-PcMirroring sql1 -Database mgc", principal + ": ALTER DATABASE [mgc] SET PARTNER RESUME", "SYNCHRONIZED"},
	}
	for _, s := range steps {
		r := fw.run(t, s.line)
		if r.err != nil || fw.order[len(fw.order)-1] != s.ran || prop(t, r.out[0], "State") != s.state {
			t.Fatalf("%s: %v, ran %v, out %+v", s.line, r.err, fw.order, r.out)
		}
	}
	r := fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Safety Off")
	if errorID(r.err) != "ForceRequired" || !strings.Contains(r.host.Text(), "supports only synchronous") {
		t.Fatalf("safety off without -Force: %v\n%s", r.err, r.host.Text())
	}
	fw.order = nil
	r = fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Safety Off -Force")
	want := principal + ": ALTER DATABASE [mgc] SET WITNESS OFF\n" + principal + ": ALTER DATABASE [mgc] SET PARTNER SAFETY OFF"
	if r.err != nil || strings.Join(fw.order, "\n") != want {
		t.Fatalf("%v, ran\n%s", r.err, strings.Join(fw.order, "\n"))
	}
}

func TestPrincipalOnlyOperationsRefuseTheMirror(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	for _, line := range []string{"Resume-PcMirroring sql1m -Database mgc", "Set-PcMirroringSafety sql1m -Database mgc -Safety Full"} {
		r := fw.run(t, line)
		if errorID(r.err) != "WrongMirroringRole" || !strings.Contains(r.err.Error(), "is the Mirror") || len(fw.order) != 0 {
			t.Fatalf("%s: %v, ran %v", line, r.err, fw.order)
		}
	}
}

func TestEndpointCmdlets(t *testing.T) {
	fw := newFakeWorld(t)
	r := fw.run(t, "Test-PcMirroringEndpoint sqlw1 -Role Witness")
	if r.err != nil || prop(t, r.out[0], "Ok") != false || prop(t, r.out[0], "Problem") != "no database mirroring endpoint" {
		t.Fatalf("%v %+v", r.err, r.out)
	}
	r = fw.run(t, "New-PcMirroringEndpoint sqlw1 -Port 7022 -Role Witness")
	if r.err != nil || prop(t, r.out[0], "Address") != "TCP://sqlw1.contoso.com:7022" || prop(t, r.out[0], "State") != "STARTED" {
		t.Fatalf("%v %+v", r.err, r.out)
	}
	r = fw.run(t, "Test-PcMirroringEndpoint sqlw1 -Role Partner")
	if prop(t, r.out[0], "Problem") != "the endpoint's role WITNESS does not serve PARTNER" {
		t.Fatalf("%+v", r.out)
	}
	r = fw.run(t, "Test-PcMirroringEndpoint sqlw1 -Role Witness")
	if prop(t, r.out[0], "Listening") != false {
		t.Fatalf("%+v", r.out)
	}
	fw.listen["sqlw1.contoso.com:7022"] = true
	r = fw.run(t, "Test-PcMirroringEndpoint sqlw1 -Role Witness")
	if prop(t, r.out[0], "Ok") != true {
		t.Fatalf("%+v", r.out)
	}
	r = fw.run(t, "New-PcMirroringEndpoint sqlw1")
	if errorID(r.err) != "EndpointExists" {
		t.Fatalf("second endpoint: %v", r.err)
	}
	r = fw.run(t, "New-PcMirroringEndpoint sql1 -Port 70000")
	if errorID(r.err) != "InvalidPort" {
		t.Fatalf("bad port: %v", r.err)
	}
	r = fw.run(t, "Get-PcMirroringEndpoint sql1")
	if r.err != nil || len(r.out) != 0 {
		t.Fatalf("no endpoint: %v %+v", r.err, r.out)
	}
}

func TestWhatIfAssumesUnreachableInstances(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(mirrorInst).down = true
	r := fw.run(t, "Suspend-PcMirroring sql1m -Database mgc -WhatIf")
	if r.err != nil || strings.Join(r.whatIf(), "") != mirrorInst+": ALTER DATABASE [mgc] SET PARTNER SUSPEND" ||
		!strings.Contains(r.host.Text(), "-WhatIf shows its statements assuming") {
		t.Fatalf("%v\n%s", r.err, r.host.Text())
	}
	r = fw.run(t, "Suspend-PcMirroring sql1m -Database mgc")
	if errorID(r.err) != "InstanceUnreachable" {
		t.Fatalf("real run: %v", r.err)
	}
}
