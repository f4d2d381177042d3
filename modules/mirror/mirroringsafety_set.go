package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-PcMirroringSafety",
		Synopsis: "Sets a mirroring session's transaction safety, Full (synchronous) or Off (asynchronous), and its partner timeout.",
		Description: "Runs ALTER DATABASE … SET PARTNER SAFETY FULL|OFF on the principal. Off makes mirroring " +
			"asynchronous, which Lync does not support (R11), so it needs -Force and warns. It loses no committed data " +
			"itself, so it does not take -AllowDataLoss: the loss comes with a forced failover, which needs -AllowDataLoss then; when the session has a witness, SET WITNESS OFF runs first, as the docs require for SAFETY OFF. " +
			"-Timeout runs ALTER DATABASE … SET PARTNER TIMEOUT n on the principal: how many seconds a partner or the " +
			"witness may not answer before it counts as gone (SQL Server's default 10; 0 to 4 become 5; below 10 " +
			"risks false failovers, so it warns). Give -Safety, -Timeout or both; a value the session has is left alone.",
		Impact: cmdlet.ImpactHigh,
		Output: "PcMirroringStatus",
		Examples: []cmdlet.Example{
			{Code: `Set-PcMirroringSafety sql1 -Database mgc -Safety Full -WhatIf`, Remarks: "Shows the statement without running it."},
			{Code: `Set-PcMirroringSafety dc1-sql1.lab.local -Database mgc -Safety Off -Force`, Remarks: "Makes the session asynchronous, an unsupported configuration."},
			{Code: `Set-PcMirroringSafety sql1 -Database mgc -Timeout 20 -WhatIf`, Remarks: "Shows the SET PARTNER TIMEOUT 20 statement."},
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
	Safety      Safety `param:"" help:"Full (synchronous, the only mode Lync supports) or Off (asynchronous)."`
	Timeout     int    `param:"default=-1" help:"The partner timeout in seconds (SET PARTNER TIMEOUT); SQL Server's default is 10."`
}

// Validate requires -Safety or -Timeout, and a timeout that is a number
// of seconds.
func (c *setSafety) Validate() error {
	switch {
	case c.Timeout < -1:
		return errorf(categoryArg, "InvalidTimeout", c.Database, "The partner timeout %d is not a number of seconds.", c.Timeout)
	case c.Safety == "" && c.Timeout < 0:
		return errorf(categoryArg, "NothingToSet", c.Database, "Give -Safety, -Timeout or both.")
	}
	return nil
}

// Process changes the safety level and the timeout where they differ.
func (c *setSafety) Process(ctx *cmdlet.Context) error {
	name, s, d, err := principalSession(ctx, c.SqlInstance, c.Database)
	if err != nil {
		return err
	}
	q, err := quote(c.Database)
	if err != nil {
		return err
	}
	steps, err := c.safetySteps(ctx, s, name, q, d)
	if err != nil {
		return err
	}
	steps = append(steps, c.timeoutSteps(ctx, s, name, q, d)...)
	if len(steps) == 0 {
		return nil
	}
	if d, err := runSteps(ctx, steps, nil); err != nil || d != cmdlet.Proceed {
		return err
	}
	return writeStatusAfter(ctx, s, name, c.Database)
}

// timeoutSteps is SET PARTNER TIMEOUT when -Timeout differs from the
// session's, with a warning below the documented 10 seconds.
func (c *setSafety) timeoutSteps(ctx *cmdlet.Context, s SQL, name, q string, d dbState) []step {
	if c.Timeout < 0 {
		return nil
	}
	if !d.Assumed && d.Timeout == int64(c.Timeout) {
		ctx.WriteWarning("The partner timeout of %s is already %d seconds; it was not changed.", c.Database, c.Timeout)
		return nil
	}
	if c.Timeout < 10 {
		ctx.WriteWarning("A partner timeout below 10 seconds (SQL Server makes 0 to 4 into 5) can fail over on a busy but healthy partner.")
	}
	return []step{{On: s, Target: name, SQL: partnerOption(q, "TIMEOUT "+itoa(c.Timeout))}}
}

// safetySteps is SET PARTNER SAFETY when -Safety differs from the
// session's, preceded for OFF by SET WITNESS OFF when a witness is set;
// OFF needs -Force.
func (c *setSafety) safetySteps(ctx *cmdlet.Context, s SQL, name, q string, d dbState) ([]step, error) {
	if c.Safety == "" {
		return nil, nil
	}
	level := strings.ToUpper(string(c.Safety))
	if d.Safety == level && !(d.Assumed && level == "OFF") {
		ctx.WriteWarning("The mirroring safety of %s is already %s; it was not changed.", c.Database, level)
		return nil, nil
	}
	var steps []step
	if level == "OFF" {
		ctx.WriteWarning("SAFETY OFF makes mirroring asynchronous: Lync Server supports only synchronous mirroring, and a failover may lose data.")
		if !ctx.Force() {
			return nil, needForce(name, "Setting the safety of %s to OFF makes mirroring asynchronous, which Lync Server does not support; a forced failover would then lose data.", c.Database)
		}
		if d.Witness != "" {
			steps = append(steps, step{On: s, Target: name, SQL: witnessOff(q)})
		}
	}
	return append(steps, step{On: s, Target: name, SQL: partnerOption(q, "SAFETY "+level)}), nil
}

var (
	_ cmdlet.Cmdlet    = (*setSafety)(nil)
	_ cmdlet.Validator = (*setSafety)(nil)
)
