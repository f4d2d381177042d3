package mirror

import (
	"reflect"
	"strings"
	"testing"
)

// The documented Lync parameters: Install-CsMirrorDatabase -ForInstance and
// -ForDefaultInstance (C2, ByConfigured set), -LocalStore on
// Invoke-CsDatabaseFailover and Get-CsDatabaseMirrorState, -Report on
// Get-CsDatabaseMirrorState.

const configuredLine = `Install-CsMirrorDatabase -ConfiguredDatabases -SqlServerFqdn sql1.contoso.com -FileShare \\fs1.contoso.com\mirror -WhatIf`

func TestInstallConfiguredDatabasesChoosesInstances(t *testing.T) {
	for _, tc := range []struct {
		extra string
		want  []string // nil: SqlServerNotInTopology
	}{
		{"", wantInstall},                    // every instance of the server
		{" -ForInstance pchat", wantInstall}, // the named instance
		{" -ForInstance PCHAT", wantInstall}, // instance names are case-insensitive
		{" -ForInstance other", nil},         // no store on sql1\other
		{" -ForDefaultInstance", nil},        // sql1 has no store on its default instance
	} {
		fw := newFakeWorld(t)
		fw.server(`sql1.contoso.com\pchat`).seed("mgc")
		r := fw.run(t, configuredLine+tc.extra)
		if tc.want == nil {
			if errorID(r.err) != "SqlServerNotInTopology" {
				t.Errorf("%q: got %v", tc.extra, r.err)
			}
			continue
		}
		if r.err != nil || !reflect.DeepEqual(r.whatIf(), tc.want) {
			t.Errorf("%q: %v\n%s", tc.extra, r.err, strings.Join(r.whatIf(), "\n"))
		}
	}
}

func TestInstallInstanceParameterSets(t *testing.T) {
	for line, hint := range map[string]string{
		configuredLine + " -ForDefaultInstance -ForInstance pchat": "",
		installLine + " -ForInstance pchat -WhatIf":                "with -DatabaseType, -SqlInstanceName names the instance",
		installLine + " -ForDefaultInstance -WhatIf":               "with -DatabaseType, -SqlInstanceName names the instance",
		configuredLine + " -SqlInstanceName pchat":                 "with -ConfiguredDatabases, -ForInstance pchat names the instance",
	} {
		r := newFakeWorld(t).run(t, line)
		if errorID(r.err) != "InstanceSelectionInvalid" || errHint(r.err) != hint {
			t.Errorf("%s: %v (hint %q)", line, r.err, errHint(r.err))
		}
	}
}

func TestGetCsDatabaseMirrorStateReportAndLocalStore(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, `Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -LocalStore -Verbose -Report C:\Logs\DatabaseMirrorState.html`)
	if r.err != nil || len(r.out) != 1 || prop(t, r.out[0], "StateOnMirror") != "Mirror" {
		t.Fatalf("%v %+v", r.err, r.out)
	}
	if !strings.Contains(r.host.Text(), "verbose: -LocalStore: the pool's stores come from the local topology document topology.lua, its state from the local replica of the Central Management store.") {
		t.Errorf("no -LocalStore note:\n%s", r.host.Text())
	}
	page := fw.reports[`C:\Logs\DatabaseMirrorState.html`]
	for _, want := range []string{"<title>Get-CsDatabaseMirrorState</title>",
		`<tr><td>sql1.contoso.com\pchat</td><td><code>sys.database_mirroring of mgc</code></td><td>Principal, synchronized</td></tr>`,
		`<tr><td>sql1m.contoso.com\pchat</td><td><code>sys.database_mirroring of mgc</code></td><td>Mirror, synchronized</td></tr>`} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q:\n%s", want, page)
		}
	}
	fw.server(mirrorInst).down = true
	fw.run(t, `Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -Report r.html`)
	if page := fw.reports["r.html"]; !strings.Contains(page, `<td>`+NotEnabled+`: Cannot reach the SQL Server instance sql1m.contoso.com\pchat`) {
		t.Errorf("an unreachable mirror in the report:\n%s", page)
	}
}

func TestFailoverLocalStore(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, "Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror -LocalStore -Verbose -WhatIf")
	if r.err != nil || !strings.Contains(r.host.Text(), "-LocalStore: the pool's stores come from the local topology document") {
		t.Fatalf("%v\n%s", r.err, r.host.Text())
	}
	if got := r.whatIf(); len(got) != 1 || got[0] != `sql1.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER FAILOVER` {
		t.Fatalf("what if %q", got)
	}
}
