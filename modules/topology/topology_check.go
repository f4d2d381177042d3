package topology

import "pcsh/runtime/cmdlet"

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Test-PcTopology",
		Synopsis: "Checks the topology against every documented Persistent Chat HA/DR rule.",
		Description: "Writes one Finding per violated rule with the rule id, severity, target, message and the " +
			"documentation it comes from. Active servers are checked against the data center of the database " +
			"in use, which depends on the pool state: each pool's state as the backend reports it (the lab CMS, " +
			"$PCSH_CMS_DIR, or the Lync Server Management Shell, $PCSH_LYNC_SHELL; the document's deprecated `state` " +
			"only without a backend), or -PoolState for all. " +
			"When an Error finding is written the command also writes a non-terminating error, so a run " +
			"ends with exit code 4.",
		Output: "Finding",
		Examples: []cmdlet.Example{
			{Code: "Test-PcTopology", Remarks: "Checks ./topology.lua (or $PCSH_TOPOLOGY)."},
			{Code: "Test-PcTopology -Path topology.lua -PoolState FailedOver", Remarks: "Checks the layout as it must be after a failover to the backup data center."},
			{Code: "Test-PcTopology | Where-Object Severity -EQ Error | Format-List", Remarks: "Shows only the errors, with their sources."},
		},
		Related: []string{"Get-PcTopology"},
		New:     func() cmdlet.Cmdlet { return new(testTopology) },
	})
}

// PoolState is Normal or FailedOver.
type PoolState string

// Values lists the pool states.
func (PoolState) Values() []string { return []string{StateNormal, StateFailedOver} }

type testTopology struct {
	Path      string    `param:"position=0" help:"The topology document; default $PCSH_TOPOLOGY, else ./topology.lua."`
	PoolState PoolState `param:"" help:"Check every pool in this state (Normal or FailedOver) instead of the state the backend reports."`
}

// Process writes the findings and, when one is an error, a summary error.
func (c *testTopology) Process(ctx *cmdlet.Context) error {
	t, err := LoadFor(ctx, c.Path)
	if err != nil {
		return err
	}
	opts := CheckOptions{PoolState: string(c.PoolState)}
	if opts.PoolState == "" {
		if opts.States, err = PoolStates(ctx, t, false); err != nil {
			return err
		}
	}
	errs := 0
	for _, f := range Check(t, opts) {
		ctx.WriteObject(f)
		if f.Severity == SeverityError {
			errs++
		}
	}
	if errs > 0 {
		ctx.WriteError(cmdlet.Errorf(cmdlet.CategoryInvalidData, "TopologyRuleViolated", t.Path,
			"The topology %s violates %d rule(s).", t.Path, errs))
	}
	return nil
}

var _ cmdlet.Cmdlet = (*testTopology)(nil)
