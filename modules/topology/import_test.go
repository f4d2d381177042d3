package topology

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoSiteOptions supplies what pchat-two-site.xml cannot say besides its
// override file.
var twoSiteOptions = ImportOptions{SqlVersion: "2012", SqlEdition: "Enterprise"}

func importFixture(t *testing.T, name string, opts ImportOptions, override string) (*ImportResult, *Topology) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	var ov *docTable
	if override != "" {
		if ov, err = readOverride(context.Background(), filepath.Join("testdata", "import", override)); err != nil {
			t.Fatal(err)
		}
	}
	res, tp, err := Import(context.Background(), name, data, opts, ov)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res, tp
}

// TestImportRoundTrip imports each fixture, loads the document it builds
// and compares its Export-PcTopology JSON with the expected file
// (PCSH_UPDATE_GOLDEN=1 rewrites them).
func TestImportRoundTrip(t *testing.T) {
	for _, c := range []struct {
		file, override, want string
		opts                 ImportOptions
	}{
		{"pchat-two-site.xml", "pchat-two-site.override.lua", "pchat-two-site.json", twoSiteOptions},
		{"pchat-two-site-utf16.xml", "pchat-two-site.override.lua", "pchat-two-site.json", twoSiteOptions},
		{"pchat-two-site.xml", "pchat-two-site.override.json", "pchat-two-site.json", twoSiteOptions},
		{"pchat-lab.tbxml", "", "pchat-lab.json", labOptions()},
		{"frontend-pool.tbxml", "", "frontend-pool.json", ImportOptions{}},
		{"standard-edition.xml", "", "standard-edition.json", ImportOptions{}},
		{"enterprise-alwayson.xml", "", "enterprise-alwayson.json", ImportOptions{}},
	} {
		t.Run(c.file+"+"+c.override, func(t *testing.T) {
			res, tp := importFixture(t, c.file, c.opts, c.override)
			if tp == nil {
				t.Fatalf("missing required fields: %+v", res.missing())
			}
			again, err := Parse(context.Background(), "again.lua", res.Document)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := JSON(again)
			path := filepath.Join("testdata", "import", c.want)
			if os.Getenv("PCSH_UPDATE_GOLDEN") != "" && !strings.Contains(c.file, "utf16") && !strings.HasSuffix(c.override, ".json") {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got)+"\n" != string(want) {
				t.Errorf("export of the import differs from %s:\n%s", c.want, got)
			}
		})
	}
}

// labOptions are the standard lab's server sites and SQL facts.
func labOptions() ImportOptions {
	o := ImportOptions{SqlVersion: "2012", SqlEdition: "Enterprise", ServerSite: map[string]string{}}
	for i := 1; i <= 8; i++ {
		site := "DC1"
		if i > 4 {
			site = "DC2"
		}
		o.ServerSite["pc"+string(rune('0'+i))+".lab.local"] = site
	}
	return o
}

// TestImportBadInput: a truncated file, an unknown root namespace and
// UTF-16 without a BOM each fail with their error id.
func TestImportBadInput(t *testing.T) {
	for file, id := range map[string]string{
		"bad-truncated.xml": ImportSyntax, "bad-namespace.xml": ImportNamespace, "bad-utf16-nobom.xml": ImportEncoding,
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "import", file))
		if err != nil {
			t.Fatal(err)
		}
		res, tp, err := Import(context.Background(), file, data, twoSiteOptions, nil)
		var ie *ImportError
		if !errors.As(err, &ie) || ie.ID != id || res != nil || tp != nil {
			t.Errorf("%s: got %v (%T), want %s", file, err, err, id)
		}
	}
	if _, _, err := Import(context.Background(), "x", []byte{0xFF, 0xFE, '<', 0}, ImportOptions{}, nil); err == nil {
		t.Error("odd-length UTF-16 must fail")
	}
}

// TestImportReportsGaps: without the server sites and SQL facts the
// document is incomplete, each gap named with its element; what the notes
// mark unverified is listed with the element it was read from.
func TestImportReportsGaps(t *testing.T) {
	res, tp := importFixture(t, "pchat-two-site.xml", ImportOptions{}, "")
	if tp != nil {
		t.Fatal("an incomplete import must not load")
	}
	gaps := map[string]ImportGap{}
	for _, g := range res.missing() {
		gaps[g.Field] = g
	}
	if g := gaps["chatPools[pc.contoso.com].servers[pc5.contoso.com].site"]; g.Element != "/Topology/Clusters/Cluster[2]/Machine[5]" {
		t.Errorf("server site gap: %+v", g)
	}
	if g := gaps["sqlStores[sql2].version"]; g.Element != "/Topology/SqlInstances/SqlInstance[6]" || g.Supply != "-SqlVersion or -Override" {
		t.Errorf("version gap: %+v", g)
	}
	if len(gaps) != 8+2*10 {
		t.Errorf("%d required gaps, want 28", len(gaps))
	}
	found := map[string]ImportMapping{}
	for _, m := range res.Unverified {
		found[m.Field] = m
	}
	if m := found["chatPools[pc.contoso.com].stores.backup"]; m.Value != "sql2" || !strings.Contains(m.Reading, "Q1") ||
		m.Element != "/Topology/Services/Service[7]/DependsOn/Dependency[4]" {
		t.Errorf("backup mapping: %+v", m)
	}
	if m := found["chatPools[pc.contoso.com].stores.backupMirror"]; m.Value != "sql2m" || !strings.Contains(m.Reading, "Q2") {
		t.Errorf("backup mirror mapping: %+v", m)
	}
	if !strings.Contains(res.Document, "--   chatPools[pc.contoso.com].servers[pc5.contoso.com].site  <- /Topology/Clusters/Cluster[2]/Machine[5]") {
		t.Errorf("the document's header must list the gap:\n%s", res.Document)
	}
	if err := incompleteError(res); !strings.Contains(err.Error(), "28 required fields") {
		t.Errorf("incomplete error: %v", err)
	}
}

// TestImportAmbiguousStores: two store dependencies with Usage Default
// cannot be told apart (Q1), so the primary is a gap listing both.
func TestImportAmbiguousStores(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "import", "pchat-two-site.xml"))
	two := strings.Replace(string(data), `<Dependency Usage="Backup">`, `<Dependency Usage="Default">`, 1)
	res, _, err := Import(context.Background(), "x.xml", []byte(two), twoSiteOptions, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.missing() {
		if g.Field == "chatPools[pc.contoso.com].stores.primary" && strings.Contains(g.Reason, "Dependency[3], /Topology/Services/Service[7]/DependsOn/Dependency[4]") {
			return
		}
	}
	t.Fatalf("no ambiguous primary gap: %+v", res.missing())
}

// TestImportOverrideTypo: an override with an unknown field gives a load
// error with its "did you mean".
func TestImportOverrideTypo(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "import", "enterprise-alwayson.xml"))
	ov := newDocTable()
	site := newDocTable()
	site.set("name", "Tenant")
	site.set("timezone", "UTC")
	ov.set("sites", []any{site})
	_, _, err := Import(context.Background(), "e.xml", data, ImportOptions{}, ov)
	var ie *ImportError
	if !errors.As(err, &ie) || ie.ID != ImportInvalid || !strings.Contains(err.Error(), "did you mean 'timeZone'") {
		t.Fatalf("got %v", err)
	}
}

func TestLuaStringQuoting(t *testing.T) {
	for in, want := range map[string]string{`\\fs\share`: `[[\\fs\share]]`, `a"b`: `"a\"b"`, "x\x01": `"x\001"`, `a]]\b`: `"a]]\\b"`} {
		if got := luaString(in); got != want {
			t.Errorf("luaString(%q) = %s, want %s", in, got, want)
		}
	}
}
