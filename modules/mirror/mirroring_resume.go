package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Resume-PcMirroring",
		Synopsis: "Resumes a suspended database mirroring session, on the principal.",
		Description: "Runs ALTER DATABASE … SET PARTNER RESUME on the principal (the only partner where the docs allow it; " +
			"on the mirror it refuses and names the principal). After a forced failover, resuming discards the old " +
			"principal's unsent log.",
		Impact: cmdlet.ImpactMedium,
		Output: "PcMirroringStatus",
		Examples: []cmdlet.Example{
			{Code: `Resume-PcMirroring sql1 -Database mgc -WhatIf`, Remarks: "Shows the statement without running it."},
			{Code: `Resume-PcMirroring dc1-sql1.lab.local -Database mgc`, Remarks: "Resumes mgc's session."},
		},
		Related: []string{"Suspend-PcMirroring", "Get-PcMirroringStatus"},
		New:     func() cmdlet.Cmdlet { return new(resumeMirroring) },
	})
}

type resumeMirroring struct {
	SqlInstance string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"The principal: a topology store name, lab name, host[\\instance][,port] or connection string."`
	Database    string `param:"mandatory,position=1" help:"The mirrored database, e.g. mgc."`
}

// Process resumes the session when it is suspended.
func (c *resumeMirroring) Process(ctx *cmdlet.Context) error {
	name, s, d, err := principalSession(ctx, c.SqlInstance, c.Database)
	if err != nil {
		return err
	}
	if d.MirrorState != "SUSPENDED" && !d.Assumed {
		ctx.WriteWarning("The mirroring session of %s is %s, not SUSPENDED; nothing was changed.", c.Database, d.MirrorState)
		return nil
	}
	q, err := quote(c.Database)
	if err != nil {
		return err
	}
	if d, err := runSteps(ctx, []step{{On: s, Target: name, SQL: partnerOption(q, "RESUME")}}, nil); err != nil || d != cmdlet.Proceed {
		return err
	}
	return writeStatusAfter(ctx, s, name, c.Database)
}

var _ cmdlet.Cmdlet = (*resumeMirroring)(nil)
