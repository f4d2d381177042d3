package logship

import (
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "New-PcLogShipping",
		Synopsis: "Sets up log shipping from one primary database to one or more secondaries.",
		Description: "Runs the documented T-SQL setup (SQL Server \"Configure Log Shipping\", Lync L5): initialize each " +
			"secondary from a new full backup on the share (-Initialize NewBackup), an existing backup (ExistingBackup) or " +
			"not at all (None: the secondary is already RESTORING); on the primary sp_add_log_shipping_primary_database, " +
			"the backup job's schedule, the alert job and enabling the backup job; on each secondary " +
			"sp_add_log_shipping_secondary_primary, the copy and restore schedules, sp_add_log_shipping_secondary_database " +
			"and the alert job; on the primary sp_add_log_shipping_primary_secondary; last, enabling the copy and restore jobs. " +
			"With -MonitorServer the alert job is added there instead. Overwriting an existing primary configuration " +
			"(@overwrite = 1) needs -Force; restoring over an existing secondary database (REPLACE), which loses its data, " +
			"needs -AllowDataLoss on this call (-Force does not allow it).",
		Impact: cmdlet.ImpactHigh,
		Output: "StepResult",
		Examples: []cmdlet.Example{
			{Code: `New-PcLogShipping -PrimaryInstance dc1-sql1 -SecondaryInstance dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs' -CopyDirectory 'D:\PChatLogCopy' -WhatIf`,
				Remarks: "Shows every statement of the documented Lync setup (full backup, NORECOVERY, 15-minute jobs) without running it."},
			{Code: `New-PcLogShipping dc1-sql1 dc2-sql1,dc3-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs' -CopyDirectory 'D:\PChatLogCopy' -RestoreMode Standby -BackupInterval 5m -CopyInterval 5m -RestoreInterval 5m -RestoreDelay 30m`,
				Remarks: "Two read-only STANDBY secondaries, five-minute jobs, restores delayed by 30 minutes."},
			{Code: `New-PcLogShipping dc1-sql1 dc2-sql1 -Database mgc -BackupShare '\\fs1\pchatlogs' -CopyDirectory 'D:\PChatLogCopy' -Initialize None -MonitorServer mon-sql1`,
				Remarks: "The secondary is already restored WITH NORECOVERY; alerts go to a monitor server."},
		},
		Related: []string{"Add-PcLogShippingMirrorSource", "Get-PcLogShippingStatus", "Remove-PcLogShipping"},
		New:     func() cmdlet.Cmdlet { return new(newLogShipping) },
	})
}

// Initialize says how the secondary databases get their first copy.
type Initialize string

// Values lists the choices of the SSMS "Initialize Secondary Database" tab.
func (Initialize) Values() []string { return []string{"NewBackup", "ExistingBackup", "None"} }

type newLogShipping struct {
	PrimaryInstance   string        `param:"position=0,mandatory,alias=Source" help:"The primary instance (topology name, host\\instance or connection string)."`
	SecondaryInstance []string      `param:"position=1,mandatory,alias=Destination" help:"The secondary instances, as SQL Server names them (@@SERVERNAME)."`
	Database          string        `param:"mandatory" help:"The primary database, e.g. mgc."`
	SecondaryDatabase string        `param:"" help:"The database name on the secondaries; default the same as -Database."`
	BackupShare       string        `param:"mandatory" help:"The network path of the log shipping share every instance reads and writes."`
	BackupDirectory   string        `param:"" help:"The share's local path on the primary, when the share is on the primary; default -BackupShare."`
	CopyDirectory     string        `param:"mandatory" help:"The folder on each secondary the copy job copies log backups into."`
	Initialize        Initialize    `param:"default=NewBackup" help:"NewBackup: back up the primary to the share and restore it; ExistingBackup: restore -BackupFile; None: the secondaries are already initialized."`
	BackupFile        string        `param:"" help:"The full backup to restore with -Initialize ExistingBackup (a path every secondary can read)."`
	RestoreMode       RestoreMode   `param:"default=NoRecovery" help:"NoRecovery (the documented Lync choice) or Standby (read-only between restores)."`
	StandbyFile       string        `param:"" help:"The undo file of the first STANDBY restore; default <CopyDirectory>/<database>_undo.tuf."`
	DisconnectUsers   bool          `param:"" help:"Disconnect STANDBY readers when a restore runs."`
	RestoreDelay      time.Duration `param:"default=0s" help:"How long a log backup waits before it is restored (Lync: 0 minutes)."`
	BackupInterval    time.Duration `param:"default=15m" help:"How often the backup job runs (seconds, minutes or hours)."`
	CopyInterval      time.Duration `param:"default=15m" help:"How often the copy job runs; about the backup interval."`
	RestoreInterval   time.Duration `param:"default=15m" help:"How often the restore job runs; about the backup interval."`
	BackupThreshold   time.Duration `param:"default=60m" help:"Alert if no backup occurs within this time."`
	RestoreThreshold  time.Duration `param:"default=45m" help:"Alert if no restore occurs within this time."`
	Retention         time.Duration `param:"default=72h" help:"Delete log backups older than this (share and copy folder)."`
	HistoryRetention  time.Duration `param:"default=96h" help:"How long the monitor keeps history rows."`
	Compression       Compression   `param:"default=ServerDefault" help:"Log backup compression: ServerDefault (documented), On or Off."`
	MonitorServer     string        `param:"" help:"A separate monitor server instance (Windows authentication); default none (alert jobs on primary and secondaries)."`
	NoThresholdAlert  bool          `param:"" help:"Do not raise the threshold alerts 14420/14421."`
	AllowDataLoss     bool          `param:"" help:"Allows restoring over an existing secondary database (RESTORE … WITH REPLACE), losing its data. Only on this call: never implied by -Force or inherited."`
}

// Process checks the preconditions, then runs the setup plan.
func (c *newLogShipping) Process(ctx *cmdlet.Context) error {
	if err := c.check(); err != nil {
		return err
	}
	srvs := servers{}
	if ctx.Mode() != cmdlet.Planning {
		if err := c.preflight(ctx, srvs); err != nil {
			return err
		}
	}
	plan, err := c.plan(ctx)
	if err != nil {
		return err
	}
	err = runPlan(ctx, srvs, plan)
	return err
}

// check validates the parameters together.
func (c *newLogShipping) check() error {
	if c.Initialize == "ExistingBackup" && c.BackupFile == "" {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "BackupFileRequired", c.Database,
			"-Initialize ExistingBackup needs -BackupFile.")
	}
	if c.SecondaryDatabase == "" {
		c.SecondaryDatabase = c.Database
	}
	return nil
}

// plan is the whole setup in the documented order.
func (c *newLogShipping) plan(ctx *cmdlet.Context) ([]step, error) {
	plan, err := c.initSteps(ctx)
	if err != nil {
		return nil, err
	}
	plan = append(plan, primarySteps(c.PrimaryInstance, c.primary(ctx))...)
	secs := c.secondaries()
	for _, s := range secs {
		plan = append(plan, secondarySteps(s, Schedule{restoreScheduleName(s.PrimaryServer, s.PrimaryDatabase), c.RestoreInterval})...)
		plan = append(plan, step{Instance: c.PrimaryInstance, What: "Register the secondary on the primary",
			Stmt: addPrimarySecondary(c.Database, s.Instance, s.Database)})
	}
	for _, s := range secs {
		plan = append(plan, enableSecondarySteps(s)...)
	}
	return plan, nil
}

// primary returns the primary-side settings.
func (c *newLogShipping) primary(ctx *cmdlet.Context) Primary {
	return Primary{Database: c.Database, BackupShare: c.BackupShare, BackupDirectory: c.BackupDirectory,
		BackupInterval: c.BackupInterval, BackupThreshold: c.BackupThreshold, Retention: c.Retention,
		HistoryRetention: c.HistoryRetention, Compression: c.Compression, MonitorServer: c.MonitorServer,
		AlertEnabled: !c.NoThresholdAlert, Overwrite: ctx.Force()}
}

// secondaries returns each secondary's settings.
func (c *newLogShipping) secondaries() []Secondary {
	out := make([]Secondary, len(c.SecondaryInstance))
	for i, inst := range c.SecondaryInstance {
		out[i] = Secondary{Instance: inst, Database: c.SecondaryDatabase, PrimaryServer: c.PrimaryInstance,
			PrimaryDatabase: c.Database, BackupShare: c.BackupShare, CopyDirectory: c.CopyDirectory,
			CopyInterval: c.CopyInterval, RestoreInterval: c.RestoreInterval, RestoreDelay: c.RestoreDelay,
			RestoreThreshold: c.RestoreThreshold, Retention: c.Retention, HistoryRetention: c.HistoryRetention,
			Mode: c.RestoreMode, DisconnectUsers: c.DisconnectUsers, MonitorServer: c.MonitorServer,
			AlertEnabled: !c.NoThresholdAlert}
	}
	return out
}

var (
	_ cmdlet.Cmdlet = (*newLogShipping)(nil)
	_ cmdlet.Enum   = Initialize("")
	_ cmdlet.Enum   = RestoreMode("")
	_ cmdlet.Enum   = Compression("")
)
