package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Remove-PcMirroringMonitor",
		Synopsis: "Drops the Database Mirroring Monitor Job of each instance.",
		Description: "Runs msdb's sp_dbmmonitordropmonitoring on each instance that has the \"Database Mirroring " +
			"Monitor Job\", for example after Uninstall-CsMirrorDatabase when no database of the instance is " +
			"mirrored any more. Mirroring itself is not affected; the monitor's status stops being refreshed. An " +
			"instance without the job is reported with a warning.",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: `Remove-PcMirroringMonitor sql1, sql1m -WhatIf`, Remarks: "Shows the statements for both partners."},
		},
		Related: []string{"Add-PcMirroringMonitor", "Uninstall-CsMirrorDatabase"},
		New:     func() cmdlet.Cmdlet { return new(removeMonitor) },
	})
}

type removeMonitor struct {
	SqlInstance []string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"The instances: topology store names, lab names, host[\\instance][,port] or connection strings."`
}

// Process drops the job on each instance that has it.
func (c *removeMonitor) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	for _, inst := range c.SqlInstance {
		name := resolveName(ctx, w, inst)
		s, err := connectOrAssume(ctx, w, name, "it has the mirroring monitor job")
		if err != nil {
			return err
		}
		if s != nil {
			job, err := readMonitorJob(ctx, s)
			if err != nil {
				return sqlFailed(ctx, err, name, qMonitorJob)
			}
			if !job.Exists {
				ctx.WriteWarning("%s has no %s; nothing was changed.", name, MonitorJobName)
				continue
			}
		}
		if _, err := runSteps(ctx, []step{{On: s, Target: name, SQL: dropMonitoring}}, nil); err != nil {
			return err
		}
	}
	return nil
}

var _ cmdlet.Cmdlet = (*removeMonitor)(nil)
