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
			"from this machine), Share, CopyDirectory (only for the log shipping secondary: the topology's backup stores, or " +
			"every -SqlInstance with -CopyDirectory) and Agent (sys.dm_server_services, or SQLAgent sessions where that view " +
			"does not exist). It changes nothing, so Share and CopyDirectory are checked through the instance itself, with " +
			"the SQL Server service account as the log shipping jobs use it, without writing: " + reachQuery + " of " +
			"'<directory>\\pcsh_probe_<instance>.bak' must fail with operating system error 2 (file not found: the " +
			"directory was reached; another OS error such as 3, 5 or 53 fails the check), and the detail names the newest " +
			"file msdb records the instance wrote there (a backup under the share, a copy of the log shipping copy job), " +
			"or says there is none yet: write access shows only once the instance has written. A leftover probe file of " +
			"an earlier pcsh, which wrote one, is a Warning. -SkipShareProbe leaves both checks out. Verdicts are Pass, " +
			"Warning, Fail or Skipped. When no instance answers, nothing could be checked: it warns and exits with 3 (UNKNOWN).",
		Output: "ResourceCheck",
		Examples: []cmdlet.Example{
			{Code: "Test-PcResource", Remarks: "Checks every SQL store of ./topology.lua."},
			{Code: "Test-PcResource -Path site/topology.lua | Where-Object Verdict -EQ Fail", Remarks: "Only the failed checks."},
			{Code: `Test-PcResource -SqlInstance dc1-sql1,dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs'`, Remarks: "Checks two instances without a topology."},
			{Code: `Test-PcResource -SqlInstance dc2-sql1 -CopyDirectory 'D:\LSCopy'`, Remarks: "Checks that a secondary reaches its copy directory."},
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
	CopyDirectory  string   `param:"" help:"With -SqlInstance, the copy directory each instance must reach (as a log shipping secondary)."`
	SkipShareProbe bool     `param:"" help:"Do not check the share and the copy directory."`
	ThrottleLimit  int      `param:"default=32" help:"How many instances are checked at once."`
}

// Process checks the targets in parallel and writes in input order.
func (c *testResource) Process(ctx *cmdlet.Context) error {
	targets, err := c.targets(ctx)
	if err != nil {
		return err
	}
	answered := 0
	for _, rows := range checkAll(ctx, targets, c.ThrottleLimit) {
		for _, r := range rows {
			ctx.WriteObject(r)
			if r.Check == "Reachable" && r.Verdict == "Pass" {
				answered++
			}
		}
	}
	if answered == 0 && ctx.Err() == nil {
		// a check that finds nothing to check is Unknown, not success
		ctx.WriteWarning("Nothing could be checked: none of the %d instances answered (verdict Unknown).", len(targets))
		ctx.SetExitCode(cmdlet.ExitPluginUnknown)
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
			out[i] = resourceTarget{Instance: inst, Role: "Instance", Host: inst, Database: c.Database,
				Share: c.probe(checkShare, c.BackupShare), CopyDir: c.probe(checkCopyDir, c.CopyDirectory)}
		}
		return out, nil
	}
	t, err := topology.LoadFor(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	return c.fromTopology(t), nil
}

// probe is the check of dir as check (Share, CopyDirectory), nil when
// there is no directory or -SkipShareProbe.
func (c *testResource) probe(check, dir string) *dirProbe {
	if dir == "" || c.SkipShareProbe {
		return nil
	}
	return &dirProbe{Check: check, Dir: dir}
}

// fromTopology lists each SQL store once, in pool and role order.
func (c *testResource) fromTopology(t *topology.Topology) []resourceTarget {
	var share, copyDir string
	if t.LogShipping != nil {
		share, copyDir = t.LogShipping.Share, t.LogShipping.CopyDirectory
	}
	if c.BackupShare != "" {
		share = c.BackupShare
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
				out = c.roleTargets(t, out, seen, s.db, share, copyDir, s.set)
			}
		}
	}
	return out
}

// roleTargets appends the stores of one store set. Every partner writes
// the share (L1: all SQL Servers that run Persistent Chat databases need
// read/write access to it); the backup store, the log shipping secondary,
// also writes the copy directory; a witness holds no database and writes
// neither.
func (c *testResource) roleTargets(t *topology.Topology, out []resourceTarget, seen map[string]bool, db, share, copyDir string, s *topology.StoreSet) []resourceTarget {
	for _, r := range []struct{ role, name string }{{"Primary", s.Primary}, {"Mirror", s.Mirror}, {"Witness", s.Witness},
		{"Backup", s.Backup}, {"BackupMirror", s.BackupMirror}, {"BackupWitness", s.BackupWitness}} {
		st := t.Store(r.name)
		if st == nil || seen[st.Name] {
			continue
		}
		seen[st.Name] = true
		tg := resourceTarget{Instance: st.Address(), Role: r.role, Host: st.Host, Version: st.Version, Edition: st.Edition,
			MirroringPort: st.MirroringPort, Database: db, Share: c.probe(checkShare, share)}
		switch r.role {
		case "Witness", "BackupWitness":
			tg.Database, tg.Share = "", nil
		case "Backup":
			tg.CopyDir = c.probe(checkCopyDir, copyDir)
		}
		out = append(out, tg)
	}
	return out
}

var _ cmdlet.Cmdlet = (*testResource)(nil)
