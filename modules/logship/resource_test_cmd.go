package logship

import (
	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Test-PcResource",
		Synopsis: "Checks live that the SQL Server resources the Persistent Chat HA/DR documentation requires are in place.",
		Description: "For every SQL store of the topology (primary, mirror, witness, backup, backup mirror, and the compliance " +
			"stores), or for each -SqlInstance, at most -ThrottleLimit instances at a time, it writes one result per check: " +
			"Reachable (SELECT @@SERVERNAME), Version and Edition against the topology, RecoveryModel (the database in FULL), " +
			"Endpoint (a STARTED DATABASE_MIRRORING endpoint in sys.tcp_endpoints on the topology's port, which answers TCP " +
			"from this machine), Share (the instance itself writes BACKUP DATABASE [model] TO DISK = " +
			"'<share>\\pcsh_probe_<instance>.bak' WITH COPY_ONLY, INIT and reads it back with RESTORE VERIFYONLY: the share is " +
			"reached with the SQL Server service account, as the log shipping jobs reach it; the probe file is overwritten on " +
			"each run) and Agent (sys.dm_server_services, or SQLAgent sessions where that view does not exist). Verdicts are " +
			"Pass, Warning, Fail or Skipped. The probe backup is the only write; -SkipShareProbe leaves it out.",
		Output: "ResourceCheck",
		Examples: []cmdlet.Example{
			{Code: "Test-PcResource", Remarks: "Checks every SQL store of ./topology.lua."},
			{Code: "Test-PcResource -Path site/topology.lua | Where-Object Verdict -EQ Fail", Remarks: "Only the failed checks."},
			{Code: `Test-PcResource -SqlInstance dc1-sql1,dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs'`, Remarks: "Checks two instances without a topology."},
		},
		Related: []string{"Test-PcTopology", "New-PcLogShipping"},
		New:     func() cmdlet.Cmdlet { return new(testResource) },
	})
}

type testResource struct {
	Path           string   `param:"position=0" help:"The topology document; default $PCSH_TOPOLOGY, else ./topology.lua."`
	SqlInstance    []string `param:"" help:"Check these instances instead of the topology's stores."`
	Database       string   `param:"default=mgc" help:"The database whose recovery model is checked with -SqlInstance."`
	BackupShare    string   `param:"" help:"The log shipping share; default the topology's."`
	SkipShareProbe bool     `param:"" help:"Do not write the probe backup to the share."`
	ThrottleLimit  int      `param:"default=32" help:"How many instances are checked at once."`
}

// Process checks the targets in parallel and writes in input order.
func (c *testResource) Process(ctx *cmdlet.Context) error {
	targets, err := c.targets(ctx)
	if err != nil {
		return err
	}
	for _, rows := range checkAll(ctx, targets, c.ThrottleLimit) {
		for _, r := range rows {
			ctx.WriteObject(r)
		}
	}
	return ctx.Err()
}

// checkAll checks targets on at most limit goroutines.
func checkAll(ctx *cmdlet.Context, targets []resourceTarget, limit int) [][]ResourceCheck {
	out := make([][]ResourceCheck, len(targets))
	forEach(ctx, len(targets), limit, func(i int) { out[i] = checkTarget(ctx, targets[i]) })
	return out
}

// targets lists the instances to check.
func (c *testResource) targets(ctx *cmdlet.Context) ([]resourceTarget, error) {
	if len(c.SqlInstance) > 0 {
		out := make([]resourceTarget, len(c.SqlInstance))
		for i, inst := range c.SqlInstance {
			out[i] = resourceTarget{Instance: inst, Role: "Instance", Host: inst, Database: c.Database, Share: c.share("")}
		}
		return out, nil
	}
	t, err := topology.LoadFor(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	return c.fromTopology(t), nil
}

// share is the share to probe, "" when skipped.
func (c *testResource) share(def string) string {
	switch {
	case c.SkipShareProbe:
		return ""
	case c.BackupShare != "":
		return c.BackupShare
	}
	return def
}

// fromTopology lists each SQL store once, in pool and role order.
func (c *testResource) fromTopology(t *topology.Topology) []resourceTarget {
	share := ""
	if t.LogShipping != nil {
		share = t.LogShipping.Share
	}
	var out []resourceTarget
	seen := map[string]bool{}
	for _, p := range t.ChatPools {
		sets := []struct {
			db  string
			set *topology.StoreSet
		}{{"mgc", &p.Stores}, {"mgccomp", p.ComplianceStores}}
		for _, s := range sets {
			if s.set != nil {
				out = c.roleTargets(t, out, seen, s.db, c.share(share), s.set)
			}
		}
	}
	return out
}

// roleTargets appends the stores of one store set.
func (c *testResource) roleTargets(t *topology.Topology, out []resourceTarget, seen map[string]bool, db, share string, s *topology.StoreSet) []resourceTarget {
	for _, r := range []struct{ role, name string }{{"Primary", s.Primary}, {"Mirror", s.Mirror}, {"Witness", s.Witness},
		{"Backup", s.Backup}, {"BackupMirror", s.BackupMirror}, {"BackupWitness", s.BackupWitness}} {
		st := t.Store(r.name)
		if st == nil || seen[st.Name] {
			continue
		}
		seen[st.Name] = true
		tg := resourceTarget{Instance: st.Address(), Role: r.role, Host: st.Host, Version: st.Version, Edition: st.Edition,
			MirroringPort: st.MirroringPort, Database: db, Share: share}
		if r.role == "Witness" || r.role == "BackupWitness" {
			tg.Database, tg.Share = "", ""
		}
		out = append(out, tg)
	}
	return out
}

var _ cmdlet.Cmdlet = (*testResource)(nil)
