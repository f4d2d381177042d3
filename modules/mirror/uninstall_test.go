package mirror

import (
	"strings"
	"testing"
)

const uninstallLine = `Uninstall-CsMirrorDatabase -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -DatabaseType PersistentChat`

func TestUninstallRemovesMirroringAndDropsTheCopy(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.run(t, uninstallLine+" -DropExistingDatabasesOnMirror")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := principal + ": ALTER DATABASE [mgc] SET PARTNER OFF\n" + mirrorInst + ": DROP DATABASE [mgc]"
	if got := strings.Join(fw.executed(), "\n"); got != want {
		t.Fatalf("ran\n%s", got)
	}
	if fw.server(principal).dbs["mgc"].Mirrored || fw.server(mirrorInst).dbs["mgc"] != nil {
		t.Fatal("state after uninstall")
	}
	if len(r.out) != 1 || prop(t, r.out[0], "MirrorDatabaseDropped") != true {
		t.Fatalf("output %+v", r.out)
	}
}

func TestUninstallWhenThePrincipalIsDownRunsOnTheMirror(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	fw.server(principal).down = true
	r := fw.run(t, uninstallLine)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := strings.Join(fw.executed(), "\n"); got != mirrorInst+": ALTER DATABASE [mgc] SET PARTNER OFF" {
		t.Fatalf("ran %s", got)
	}
}

func TestUninstallRefusals(t *testing.T) {
	cases := []struct {
		name, extra, id string
		setup           func(p, m *dbState)
	}{
		{"not mirrored", "", "MirroringNotConfigured", func(p, m *dbState) { p.Mirrored, m.Mirrored = false, false }},
		{"mirror holds the principal", " -DropExistingDatabasesOnMirror", "MirrorIsPrincipal", func(p, m *dbState) { p.Role, m.Role = "MIRROR", "PRINCIPAL" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fw := newFakeWorld(t)
			p, m := fw.mirrorPair(principal, mirrorInst)
			c.setup(p, m)
			r := fw.run(t, uninstallLine+c.extra)
			if errorID(r.err) != c.id || len(fw.executed()) != 0 {
				t.Fatalf("err = %v (%s), ran %v", r.err, errorID(r.err), fw.executed())
			}
		})
	}
}
