package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Suspend-PcMirroring",
		Synopsis: "Suspends a database mirroring session: the principal goes on alone and keeps its log for the mirror.",
		Description: "Runs ALTER DATABASE … SET PARTNER SUSPEND on either partner. While suspended the principal runs " +
			"exposed (no failover without data loss) and its log cannot be truncated; Resume-PcMirroring resumes.",
		Impact: cmdlet.ImpactHigh,
		Output: "PcMirroringStatus",
		Examples: []cmdlet.Example{
			{Code: `Suspend-PcMirroring sql1 -Database mgc -WhatIf`, Remarks: "Shows the statement without running it."},
			{Code: `Suspend-PcMirroring dc1-sql1.lab.local -Database mgc -Confirm:$false`, Remarks: "Suspends mgc's session without prompting."},
		},
		Related: []string{"Resume-PcMirroring", "Get-PcMirroringStatus"},
		New:     func() cmdlet.Cmdlet { return new(suspendMirroring) },
	})
}

type suspendMirroring struct {
	SqlInstance string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"Either partner: a topology store name, lab name, host[\\instance][,port] or connection string."`
	Database    string `param:"mandatory,position=1" help:"The mirrored database, e.g. mgc."`
}

// Process suspends the session unless it is suspended already.
func (c *suspendMirroring) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	s, d, err := sessionOn(ctx, w, name, c.Database)
	if err != nil {
		return err
	}
	if d.MirrorState == "SUSPENDED" {
		ctx.WriteWarning("The mirroring session of %s is already SUSPENDED; nothing was changed.", c.Database)
		return nil
	}
	q, err := quote(c.Database)
	if err != nil {
		return err
	}
	if d, err := runSteps(ctx, []step{{On: s, Target: name, SQL: partnerOption(q, "SUSPEND")}}, nil); err != nil || d != cmdlet.Proceed {
		return err
	}
	return writeStatusAfter(ctx, s, name, c.Database)
}

var _ cmdlet.Cmdlet = (*suspendMirroring)(nil)
