package topology

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// minimal is a small valid document; cases edit it textually.
const minimal = `return {
  sites = { { name = "DC1", frontEnd = "fe1.contoso.com" } },
  chatPools = {
    {
      fqdn = "pc.contoso.com",
      nextHop = "fe1.contoso.com",
      fileStore = [[\\fs\share]],
      servers = {
        { fqdn = "pc1.contoso.com", site = "DC1", active = true },
      },
      stores = { primary = "sql1" },
    },
  },
  sqlStores = {
    { name = "sql1", host = "sql1.contoso.com", site = "DC1", version = "2012", edition = "Standard" },
  },
}
`

func parseDoc(src string) (*Topology, error) { return Parse(context.Background(), "topology.lua", src) }

func TestMinimalDocumentGetsDefaults(t *testing.T) {
	tp, err := parseDoc(minimal)
	if err != nil {
		t.Fatal(err)
	}
	p, s := tp.ChatPools[0], tp.SqlStores[0]
	if p.Port != 5041 || p.State != StateNormal || s.MirroringPort != 5022 || s.Bits != 64 || s.Domain != "contoso.com" {
		t.Errorf("defaults not applied: %+v %+v", p, s)
	}
	if tp.Schedules.BackupMinutes != 15 || tp.Thresholds.BackupAlertMinutes != 60 || tp.Thresholds.RestoreAlertMinutes != 45 {
		t.Errorf("schedule defaults not applied: %+v %+v", tp.Schedules, tp.Thresholds)
	}
}

// TestLoadErrors covers every class of loader error with its position.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, old, new, want string }{
		{"syntax", `sites = {`, `sites = {{`, "topology.lua:"},
		{"runtime", `return {`, "local x = nil\nreturn { y = x.z,", "topology.lua:2: attempt to index"},
		{"not a table", `return {`, "return 42, {", "the document must return a table, got number"},
		{"unknown key", `active = true`, `actve = true`, "topology.lua:9: chatPools[1].servers[1].actve: unknown field 'actve'; did you mean 'active'?"},
		{"unknown top-level key", `sqlStores = {`, `sqlStore = {`, "unknown field 'sqlStore'; did you mean 'sqlStores'?"},
		{"missing field", `nextHop = "fe1.contoso.com",`, ``, "topology.lua:4: chatPools[1]: missing required field 'nextHop'"},
		{"missing section", `stores = { primary = "sql1" },`, ``, "chatPools[1]: missing required field 'stores'"},
		{"wrong type", `active = true`, `active = "yes"`, "topology.lua:9: chatPools[1].servers[1].active: expected true or false, got string"},
		{"wrong type number", `version = "2012"`, `version = 2012`, "sqlStores[1].version: expected a string, got number"},
		{"bad enum", `edition = "Standard"`, `edition = "Standrad"`, `"Standrad" is not one of Express, Web, Workgroup, Standard, Enterprise, Developer, Datacenter; did you mean 'Standard'?`},
		{"bad state", `nextHop =`, `state = "Failover", nextHop =`, `"Failover" is not one of Normal, FailedOver; did you mean 'FailedOver'?`},
		{"out of range", `nextHop =`, `port = 70000, nextHop =`, "chatPools[1].port: expected a whole number from 1 to 65535, got 70000"},
		{"list expected", `servers = {`, `servers = { x = 1, `, "chatPools[1].servers: expected a list, found key x"},
		{"empty string", `fqdn = "pc1.contoso.com"`, `fqdn = ""`, "chatPools[1].servers[1].fqdn: must not be empty"},
		{"undefined site", `site = "DC1", active`, `site = "DC2", active`, `topology.lua:9: chatPools[1].servers[1].site: no site is named "DC2"`},
		{"undefined store", `primary = "sql1"`, `primary = "sql2"`, `chatPools[1].stores.primary: no SQL store is named "sql2"; did you mean 'sql1'?`},
		{"undefined next hop", `nextHop = "fe1.contoso.com"`, `nextHop = "fe.contoso.com"`, `no site has the Front End pool "fe.contoso.com"; did you mean 'fe1.contoso.com'?`},
		{"duplicate", `{ fqdn = "pc1.contoso.com", site = "DC1", active = true },`, `{ fqdn = "pc1.contoso.com", site = "DC1" }, { fqdn = "PC1.contoso.com", site = "DC1" },`, `duplicate server "PC1.contoso.com" (first defined at chatPools[1].servers[1].fqdn)`},
		{"sandbox io", `return {`, "io.open('x')\nreturn {", "topology.lua:1: attempt to index a non-table object(nil) with key 'open'"},
		{"sandbox os", `return {`, "local t = os.time()\nreturn {", "topology.lua:1: attempt to index a non-table object(nil)"},
		{"sandbox require", `return {`, "require('x')\nreturn {", "topology.lua:1: attempt to call a non-function object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(minimal, tc.old, tc.new, 1)
			if src == minimal {
				t.Fatalf("case does not change the document")
			}
			_, err := parseDoc(src)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a *LoadError, got %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error\n%s\ndoes not contain\n%s", err, tc.want)
			}
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	src := strings.Replace(strings.Replace(minimal, `active = true`, `actve = true`, 1), `version = "2012"`, `version = 12`, 1)
	_, err := parseDoc(src)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
}

func TestLoadStopsRunawayDocument(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse(ctx, "loop.lua", "while true do end")
	if err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Fatalf("want a timeout problem, got %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(context.Background(), "testdata/none.lua")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("want not-exist, got %v", err)
	}
}

func TestLocalTableKeepsLines(t *testing.T) {
	src := "local t = " + strings.Replace(strings.TrimPrefix(minimal, "return "), `active = true`, `actve = true`, 1) + "return t\n"
	_, err := parseDoc(src)
	if err == nil || !strings.Contains(err.Error(), "topology.lua:9:") {
		t.Fatalf("want a line through the local, got %v", err)
	}
}

func TestExampleFileIsValid(t *testing.T) {
	b, err := os.ReadFile("testdata/topology.lua")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseDoc(string(b)); err != nil {
		t.Fatal(err)
	}
}
