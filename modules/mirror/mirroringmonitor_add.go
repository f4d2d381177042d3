package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Add-PcMirroringMonitor",
		Synopsis: "Creates the Database Mirroring Monitor Job on each instance, or sets its update period.",
		Description: "Runs msdb's sp_dbmmonitoraddmonitoring on each instance that lacks the \"Database Mirroring " +
			"Monitor Job\" (SQL Server Agent job that refreshes the mirroring status sp_dbmmonitorresults and the " +
			"Database Mirroring Monitor show). SSMS creates it when it starts mirroring; ALTER DATABASE … SET PARTNER, " +
			"which Install-CsMirrorDatabase uses, does not, so run this on both partners. When the job exists with " +
			"another period, sp_dbmmonitorchangemonitoring sets -UpdatePeriod; when it exists with that period nothing " +
			"changes. The job runs only while SQL Server Agent runs.",
		Impact: cmdlet.ImpactMedium,
		Output: "PcMirroringMonitor",
		Examples: []cmdlet.Example{
			{Code: `Add-PcMirroringMonitor sql1, sql1m -WhatIf`, Remarks: "Shows the statements for both partners."},
			{Code: `Add-PcMirroringMonitor dc1-sql1.lab.local -UpdatePeriod 5`, Remarks: "Refreshes the status every 5 minutes."},
		},
		Related: []string{"Remove-PcMirroringMonitor", "Get-PcMirroringStatus", "Install-CsMirrorDatabase"},
		New:     func() cmdlet.Cmdlet { return new(addMonitor) },
	})
}

type addMonitor struct {
	SqlInstance  []string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"The partners: topology store names, lab names, host[\\instance][,port] or connection strings."`
	UpdatePeriod int      `param:"default=1" help:"Minutes between status updates, 1 to 120 (default 1, as sp_dbmmonitoraddmonitoring)."`
}

// Validate checks -UpdatePeriod.
func (c *addMonitor) Validate() error { return validPeriod(c.UpdatePeriod) }

// Process creates or adjusts the job on each instance.
func (c *addMonitor) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	for _, inst := range c.SqlInstance {
		if err := c.add(ctx, w, resolveName(ctx, w, inst)); err != nil {
			return err
		}
	}
	return nil
}

// add plans and runs the statement for one instance.
func (c *addMonitor) add(ctx *cmdlet.Context, w *World, name string) error {
	s, err := connectOrAssume(ctx, w, name, "it has no mirroring monitor job")
	if err != nil {
		return err
	}
	var job monitorJob
	if s != nil {
		if job, err = readMonitorJob(ctx, s); err != nil {
			return sqlFailed(ctx, err, name, qMonitorJob)
		}
	}
	st := step{On: s, Target: name, SQL: addMonitoring(c.UpdatePeriod)}
	switch {
	case job.Exists && job.UpdatePeriod == c.UpdatePeriod:
		ctx.WriteWarning("%s already has the %s, every %d minute(s); nothing was changed.", name, MonitorJobName, c.UpdatePeriod)
		return nil
	case job.Exists:
		st.SQL = changeMonitoring(c.UpdatePeriod)
	}
	if d, err := runSteps(ctx, []step{st}, nil); err != nil || d != cmdlet.Proceed {
		return err
	}
	if job, err = readMonitorJob(ctx, s); err != nil {
		return sqlFailed(ctx, err, name, qMonitorJob)
	}
	ctx.WriteObject(&PcMirroringMonitor{SqlInstance: name, JobName: MonitorJobName, Present: job.Exists, UpdatePeriod: job.UpdatePeriod})
	return nil
}

var (
	_ cmdlet.Cmdlet    = (*addMonitor)(nil)
	_ cmdlet.Validator = (*addMonitor)(nil)
)
