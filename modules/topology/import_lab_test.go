package topology_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pcsh/modules/lab/datacenter"
	"pcsh/modules/topology"
)

// TestCompareImportWithLab imports the standard lab as a .tbxml and
// compares it with the topology.lua pcsh lab up writes for that layout:
// what differs is exactly what the topology does not hold (notes §6).
func TestCompareImportWithLab(t *testing.T) {
	dir := t.TempDir()
	l := datacenter.Standard()
	st := &datacenter.State{Dir: dir, Layout: l, Share: `\\fs.lab.local\pchatlogs`,
		CopyDirs: map[string]string{"dc2-sql1": filepath.Join(dir, "copy", "dc2-sql1")}}
	for _, in := range l.Instances() {
		st.Instances = append(st.Instances, datacenter.Running{Instance: in, Host: l.Host(in)})
	}
	labPath := filepath.Join(dir, "lab.lua")
	if err := os.WriteFile(labPath, []byte(st.Topology()), 0o644); err != nil {
		t.Fatal(err)
	}
	lab, err := topology.Load(context.Background(), labPath)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "import", "pchat-lab.tbxml"))
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{}
	for _, s := range l.Pool.Servers {
		sites[s.FQDN] = s.Site
	}
	_, imported, err := topology.Import(context.Background(), "pchat-lab.tbxml", data,
		topology.ImportOptions{SqlVersion: "2012", SqlEdition: "Enterprise", ServerSite: sites}, nil)
	if err != nil || imported == nil {
		t.Fatalf("import: %v", err)
	}
	changes, err := topology.Compare(lab, imported)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Change+" "+c.Path)
	}
	want := []string{
		"Changed chatPools[pc.lab.local].servers[pc1.lab.local].active",
		"Changed chatPools[pc.lab.local].servers[pc2.lab.local].active",
		"Changed chatPools[pc.lab.local].servers[pc3.lab.local].active",
		"Changed chatPools[pc.lab.local].servers[pc4.lab.local].active",
		"Removed chatPools[pc.lab.local].defaultFor",
		"Removed logShipping",
		"Changed schedules.backupMinutes", "Changed schedules.copyMinutes", "Changed schedules.restoreMinutes",
		"Changed schedules.retentionMinutes",
		"Removed sites[DC1].timeZone", "Removed sites[DC2].timeZone",
		"Changed thresholds.backupAlertMinutes", "Changed thresholds.restoreAlertMinutes",
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("changes between the lab and its import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
