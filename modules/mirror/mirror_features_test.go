package mirror

import (
	"strings"
	"testing"
)

// SET PARTNER TIMEOUT (Set-PcMirroringSafety -Timeout) and DROP ENDPOINT
// (Remove-PcMirroringEndpoint), from the dbatools feature table.

func TestSetPartnerTimeout(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Timeout 20 -WhatIf")
	if r.err != nil || strings.Join(r.whatIf(), "\n") != principal+": ALTER DATABASE [mgc] SET PARTNER TIMEOUT 20" || len(fw.order) != 0 {
		t.Fatalf("-WhatIf: %v %q %q", r.err, r.whatIf(), fw.order)
	}
	r = fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Timeout 20")
	if r.err != nil || strings.Join(fw.order, "\n") != principal+": ALTER DATABASE [mgc] SET PARTNER TIMEOUT 20" ||
		prop(t, r.out[0], "ConnectionTimeout") != int64(20) {
		t.Fatalf("%v, ran %q, out %+v", r.err, fw.order, r.out)
	}
	fw.order = nil
	r = fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Timeout 20 -Safety Full")
	if r.err != nil || len(fw.order) != 0 || !strings.Contains(r.host.Text(), "already 20 seconds") || !strings.Contains(r.host.Text(), "already FULL") {
		t.Fatalf("unchanged: %v, ran %q\n%s", r.err, fw.order, r.host.Text())
	}
	r = fw.run(t, "Set-PcMirroringSafety sql1 -Database mgc -Timeout 5")
	if r.err != nil || !strings.Contains(r.host.Text(), "below 10 seconds") {
		t.Fatalf("short timeout: %v\n%s", r.err, r.host.Text())
	}
	for line, id := range map[string]string{
		"Set-PcMirroringSafety sql1 -Database mgc":              "NothingToSet",
		"Set-PcMirroringSafety sql1 -Database mgc -Timeout -5":  "InvalidTimeout",
		"Set-PcMirroringSafety sql1m -Database mgc -Timeout 20": "WrongMirroringRole",
	} {
		if r := fw.run(t, line); errorID(r.err) != id {
			t.Errorf("%s: %v, want %s", line, r.err, id)
		}
	}
}

func TestRemoveMirroringEndpoint(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	for _, n := range []string{principal, mirrorInst} {
		fw.server(n).ep = endpointState{Exists: true, Name: "Mirroring", State: "STARTED", Role: "PARTNER", Port: 5022}
	}
	r := fw.run(t, "Remove-PcMirroringEndpoint sql1m -WhatIf -AllowDataLoss")
	if r.err != nil || strings.Join(r.whatIf(), "") != mirrorInst+": DROP ENDPOINT [Mirroring]" {
		t.Fatalf("-WhatIf: %v %q", r.err, r.whatIf())
	}
	r = fw.run(t, "Remove-PcMirroringEndpoint sql1m -Force")
	if errorID(r.err) != "DataLossNotAllowed" || !strings.Contains(r.err.Error(), "The mirroring sessions of mgc on "+mirrorInst+" use the endpoint Mirroring") ||
		len(fw.order) != 0 {
		t.Fatalf("in use without -AllowDataLoss: %v, ran %q", r.err, fw.order)
	}
	r = fw.run(t, "Remove-PcMirroringEndpoint sql1m -Name Other -AllowDataLoss")
	if errorID(r.err) != "EndpointNotFound" || errHint(r.err) != "an instance has one mirroring endpoint: Remove-PcMirroringEndpoint "+mirrorInst+" -Name Mirroring" {
		t.Fatalf("wrong name: %v / %s", r.err, errHint(r.err))
	}
	r = fw.run(t, "Remove-PcMirroringEndpoint sql1m -AllowDataLoss")
	if r.err != nil || strings.Join(fw.order, "") != mirrorInst+": DROP ENDPOINT [Mirroring]" || fw.server(mirrorInst).ep.Exists ||
		!strings.Contains(r.host.Text(), "disconnects the mirroring sessions of mgc") {
		t.Fatalf("-AllowDataLoss: %v, ran %q\n%s", r.err, fw.order, r.host.Text())
	}
	if r = fw.run(t, "Remove-PcMirroringEndpoint sql1m -Force"); errorID(r.err) != "EndpointNotFound" {
		t.Fatalf("no endpoint: %v", r.err)
	}
	// An unused endpoint needs no -AllowDataLoss.
	fw.server("sqlw1.contoso.com\\pchat").ep = endpointState{Exists: true, Name: "Witness EP", State: "STARTED", Role: "WITNESS", Port: 7022}
	fw.order = nil
	if r = fw.run(t, "Remove-PcMirroringEndpoint sqlw1"); r.err != nil || strings.Join(fw.order, "") != `sqlw1.contoso.com\pchat: DROP ENDPOINT [Witness EP]` {
		t.Fatalf("unused: %v %q", r.err, fw.order)
	}
	// Under -WhatIf an unreachable instance is assumed to have an unused endpoint.
	fw.server(principal).down = true
	if r = fw.run(t, "Remove-PcMirroringEndpoint sql1 -WhatIf"); r.err != nil || strings.Join(r.whatIf(), "") != principal+": DROP ENDPOINT [Mirroring]" {
		t.Fatalf("unreachable -WhatIf: %v %q", r.err, r.whatIf())
	}
}
