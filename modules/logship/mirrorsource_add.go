package logship

import (
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Add-PcLogShippingMirrorSource",
		Synopsis: "Makes the principal's mirror a second log shipping primary on the same share, so shipping survives a mirror failover.",
		Description: "The documented Lync setup (L6, \"Setting up SQL Server Log Shipping between the primary mirror and the " +
			"Log Shipping secondary database\", and SQL Server \"Database Mirroring and Log Shipping\"): on the mirror instance " +
			"it runs only the primary half of the setup, with the same share and settings as the principal: " +
			"sp_add_log_shipping_primary_database, the backup job's schedule, the alert job, enabling the backup job, and " +
			"sp_add_log_shipping_primary_secondary for each secondary. The secondary side is not touched: it is already " +
			"initialized and keeps restoring \"without knowing that a different server instance has become the primary\". " +
			"The mirror's backup job stays enabled: while the database is the mirror (RESTORING) the job logs message 32008 " +
			"and succeeds, and after a failover it continues the log chain. The procedures accept a RESTORING mirror, so the " +
			"manual failover and failback around SSMS that L6 steps 1 and 22 describe are not needed; run them yourself " +
			"(Invoke-CsDatabaseFailover) if your policy requires the database to be principal while it is configured.",
		Impact: cmdlet.ImpactMedium,
		Output: "StepResult",
		Examples: []cmdlet.Example{
			{Code: `Add-PcLogShippingMirrorSource -MirrorInstance dc1-sql2 -SecondaryInstance dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs' -WhatIf`,
				Remarks: "Shows the primary-side statements L6 runs on the mirror."},
			{Code: `Add-PcLogShippingMirrorSource dc1-sql2 dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs' -BackupInterval 5m -Confirm:$false`,
				Remarks: "Uses the same 5-minute backup schedule as the principal."},
		},
		Related: []string{"New-PcLogShipping", "Remove-PcLogShipping"},
		New:     func() cmdlet.Cmdlet { return new(addMirrorSource) },
	})
}

type addMirrorSource struct {
	MirrorInstance    string        `param:"position=0,mandatory" help:"The instance holding the principal's mirror database."`
	SecondaryInstance []string      `param:"position=1,mandatory" help:"The log shipping secondaries already set up from the principal."`
	Database          string        `param:"mandatory" help:"The mirrored and log shipped database, e.g. mgc."`
	SecondaryDatabase string        `param:"" help:"The database name on the secondaries; default the same as -Database."`
	BackupShare       string        `param:"mandatory" help:"The same log shipping share the principal backs up to."`
	BackupDirectory   string        `param:"" help:"The share's local path on the mirror, when the share is on it; default -BackupShare."`
	BackupInterval    time.Duration `param:"default=15m" help:"The backup job's interval: the same as the principal's."`
	BackupThreshold   time.Duration `param:"default=60m" help:"Alert if no backup occurs within this time."`
	Retention         time.Duration `param:"default=72h" help:"Delete log backups older than this."`
	HistoryRetention  time.Duration `param:"default=96h" help:"How long the monitor keeps history rows."`
	Compression       Compression   `param:"default=ServerDefault" help:"Log backup compression: ServerDefault (documented), On or Off."`
	MonitorServer     string        `param:"" help:"The monitor server the principal uses, if any."`
	NoThresholdAlert  bool          `param:"" help:"Do not raise the backup threshold alert 14420."`
}

// Process runs the primary half of the setup on the mirror.
func (c *addMirrorSource) Process(ctx *cmdlet.Context) error {
	if c.SecondaryDatabase == "" {
		c.SecondaryDatabase = c.Database
	}
	srvs := servers{}
	if ctx.Mode() != cmdlet.Planning {
		if err := c.preflight(ctx, srvs); err != nil {
			return err
		}
	}
	p := Primary{Database: c.Database, BackupShare: c.BackupShare, BackupDirectory: c.BackupDirectory,
		BackupInterval: c.BackupInterval, BackupThreshold: c.BackupThreshold, Retention: c.Retention,
		HistoryRetention: c.HistoryRetention, Compression: c.Compression, MonitorServer: c.MonitorServer,
		AlertEnabled: !c.NoThresholdAlert, Overwrite: ctx.Force()}
	plan := primarySteps(c.MirrorInstance, p)
	for _, s := range c.SecondaryInstance {
		plan = append(plan, step{Instance: c.MirrorInstance, What: "Register the secondary on the mirror",
			Stmt: addPrimarySecondary(c.Database, s, c.SecondaryDatabase)})
	}
	err := runPlan(ctx, srvs, plan)
	return err
}

// preflight requires the database on the mirror instance to exist and
// be in FULL recovery (a mirror always is); its state may be RESTORING
// (the mirror) or ONLINE (after a failover).
func (c *addMirrorSource) preflight(ctx *cmdlet.Context, srvs servers) error {
	st, err := stateOn(ctx, srvs, c.MirrorInstance, c.Database)
	switch {
	case err != nil:
		return err
	case !st.Exists:
		return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "DatabaseNotFound", c.MirrorInstance,
			"The database %s does not exist on %s; set up mirroring first.", c.Database, c.MirrorInstance)
	case st.Recovery == "SIMPLE":
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "RecoveryModelSimple", c.MirrorInstance,
			"The database %s on %s uses the SIMPLE recovery model; log shipping needs FULL.", c.Database, c.MirrorInstance)
	}
	return nil
}

var _ cmdlet.Cmdlet = (*addMirrorSource)(nil)
