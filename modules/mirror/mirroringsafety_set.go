package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-PcMirroringSafety",
		Synopsis: "Sets a mirroring session's transaction safety: Full (synchronous) or Off (asynchronous).",
		Description: "Runs ALTER DATABASE … SET PARTNER SAFETY FULL|OFF on the principal. Off makes mirroring " +
			"asynchronous, which Lync does not support (R11) and which loses data on failover, so it needs -Force " +
			"and warns; when the session has a witness, SET WITNESS OFF runs first, as the docs require for SAFETY OFF.",
		Impact: cmdlet.ImpactHigh,
		Output: "PcMirroringStatus",
		Examples: []cmdlet.Example{
			{Code: `Set-PcMirroringSafety sql1 -Database mgc -Safety Full -WhatIf`, Remarks: "Shows the statement without running it."},
			{Code: `Set-PcMirroringSafety dc1-sql1.lab.local -Database mgc -Safety Off -Force`, Remarks: "Makes the session asynchronous, accepting data loss on failover."},
		},
		Related: []string{"Get-PcMirroringStatus", "Invoke-CsDatabaseFailover"},
		New:     func() cmdlet.Cmdlet { return new(setSafety) },
	})
}

// Safety is the transaction safety of a mirroring session. SAFETY NONE,
// which dbatools accepts, is not T-SQL.
type Safety string

// Values lists the safety levels.
func (Safety) Values() []string { return []string{"Full", "Off"} }

type setSafety struct {
	SqlInstance string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"The principal: a topology store name, lab name, host[\\instance][,port] or connection string."`
	Database    string `param:"mandatory,position=1" help:"The mirrored database, e.g. mgc."`
	Safety      Safety `param:"mandatory" help:"Full (synchronous, the only mode Lync supports) or Off (asynchronous)."`
}

// Process changes the safety level when it differs.
func (c *setSafety) Process(ctx *cmdlet.Context) error {
	name, s, d, err := principalSession(ctx, c.SqlInstance, c.Database)
	if err != nil {
		return err
	}
	level := strings.ToUpper(string(c.Safety))
	if d.Safety == level && !(d.Assumed && level == "OFF") {
		ctx.WriteWarning("The mirroring safety of %s is already %s; nothing was changed.", c.Database, level)
		return nil
	}
	steps, err := c.steps(ctx, s, name, d, level)
	if err != nil {
		return err
	}
	if err := runSteps(ctx, steps, nil); err != nil || ctx.WhatIf() {
		return quietly(err)
	}
	return writeStatusAfter(ctx, s, name, c.Database)
}

// steps is SET PARTNER SAFETY, preceded for OFF by SET WITNESS OFF when a
// witness is set; OFF needs -Force.
func (c *setSafety) steps(ctx *cmdlet.Context, s SQL, name string, d dbState, level string) ([]step, error) {
	q, err := quote(c.Database)
	if err != nil {
		return nil, err
	}
	var steps []step
	if level == "OFF" {
		ctx.WriteWarning("SAFETY OFF makes mirroring asynchronous: Lync Server supports only synchronous mirroring, and a failover may lose data.")
		if !ctx.Force() {
			return nil, needForce(name, "Setting the safety of %s to OFF can lose data on failover.", c.Database)
		}
		if d.Witness != "" {
			steps = append(steps, step{On: s, Target: name, SQL: witnessOff(q)})
		}
	}
	return append(steps, step{On: s, Target: name, SQL: partnerOption(q, "SAFETY "+level)}), nil
}

var _ cmdlet.Cmdlet = (*setSafety)(nil)
