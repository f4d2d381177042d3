package logship

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Remove-PcLogShipping",
		Synopsis: "Removes a log shipping configuration in the documented order, also when it is only half configured.",
		Description: "Runs SQL Server's documented removal order: on each primary (the principal and, with -MirrorInstance, " +
			"its mirror) sp_delete_log_shipping_primary_secondary for each secondary; on each secondary " +
			"sp_delete_log_shipping_secondary_database (which deletes the copy and restore jobs) and " +
			"sp_delete_log_shipping_secondary_primary for a registration left without a database; last, on each primary, " +
			"sp_delete_log_shipping_primary_database (SQL Server refuses it, 32011, while secondaries are registered). " +
			"Every step tolerates a configuration that is already gone (32010, 32014, 32023), reports it as NotFound and goes " +
			"on. -PrimaryOnly runs only the primary side (each primary's sp_delete_log_shipping_primary_secondary, then its " +
			"sp_delete_log_shipping_primary_database) and leaves the secondaries alone: for a primary that still holds its " +
			"configuration after the secondary was recovered and its own side removed (a failback, R4). " +
			"-RemoveSecondaryDatabase then drops the secondary databases, which needs -AllowDataLoss on this call; so does " +
			"removing it while a secondary has not copied the newest log backup a primary took (msdb log_shipping_monitor_primary " +
			"and _secondary), since that log would never reach it. " +
			"Removing a setup needs -Force.",
		Impact: cmdlet.ImpactHigh,
		Output: "StepResult",
		Examples: []cmdlet.Example{
			{Code: "Remove-PcLogShipping -PrimaryInstance dc1-sql1 -SecondaryInstance dc2-sql1 -Database mgc -WhatIf", Remarks: "Shows the removal statements in order."},
			{Code: "Remove-PcLogShipping dc1-sql1 dc2-sql1 -MirrorInstance dc1-sql2 -Database mgc -Force", Remarks: "Removes the Lync setup: principal, mirror and secondary."},
			{Code: "Remove-PcLogShipping dc1-sql1 dc2-sql1 -Database mgc -PrimaryOnly -WhatIf", Remarks: "Shows the two primary-side statements only: the secondary is left as it is."},
		},
		Related: []string{"New-PcLogShipping", "Invoke-PcLogShippingRecovery"},
		New:     func() cmdlet.Cmdlet { return new(removeLogShipping) },
	})
}

type removeLogShipping struct {
	PrimaryInstance         string   `param:"position=0,mandatory" help:"The primary instance."`
	SecondaryInstance       []string `param:"position=1,mandatory" help:"The secondary instances."`
	Database                string   `param:"mandatory" help:"The primary database."`
	SecondaryDatabase       string   `param:"" help:"The database name on the secondaries; default the same as -Database."`
	MirrorInstance          []string `param:"" help:"Further primaries of the same database (the principal's mirror, Add-PcLogShippingMirrorSource)."`
	PrimaryOnly             bool     `param:"" help:"Remove only the primaries' side; the secondaries are not touched."`
	RemoveSecondaryDatabase bool     `param:"" help:"Drop the secondary databases afterwards (needs -AllowDataLoss)."`
	AllowDataLoss           bool     `param:"" help:"Allows -RemoveSecondaryDatabase to drop the secondary databases, and the removal while log backups are not yet copied. Only on this call: never implied by -Force or inherited."`
}

// Process runs the removal plan; it needs -Force.
func (c *removeLogShipping) Process(ctx *cmdlet.Context) error {
	if c.SecondaryDatabase == "" {
		c.SecondaryDatabase = c.Database
	}
	if !ctx.Force() && ctx.Mode() != cmdlet.Planning {
		return needForce(c.PrimaryInstance, "Removing the log shipping configuration of "+c.Database)
	}
	if c.PrimaryOnly && c.RemoveSecondaryDatabase {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "PrimaryOnlyDropsNothing", c.PrimaryInstance,
			"-PrimaryOnly leaves the secondaries alone; it cannot be combined with -RemoveSecondaryDatabase.")
	}
	if c.RemoveSecondaryDatabase {
		if err := cmdlet.RefuseDataLoss(c.AllowDataLoss, c.PrimaryInstance, "-RemoveSecondaryDatabase drops %s on %s, with the log it restored",
			c.SecondaryDatabase, strings.Join(c.SecondaryInstance, ", ")); err != nil {
			return err
		}
	}
	srvs := servers{}
	if left := c.uncopied(ctx, srvs); len(left) > 0 {
		if err := cmdlet.RefuseDataLoss(c.AllowDataLoss, c.PrimaryInstance,
			"Removing log shipping of %s now leaves log backups the secondary has not copied (%s): it would never restore them",
			c.Database, strings.Join(left, "; ")); err != nil {
			return err
		}
	}
	plan, err := c.plan()
	if err != nil {
		return err
	}
	err = runPlan(ctx, srvs, plan)
	return err
}

// plan lists the steps in the documented order.
func (c *removeLogShipping) plan() ([]step, error) {
	primaries := append([]string{c.PrimaryInstance}, c.MirrorInstance...)
	var plan []step
	for _, p := range primaries {
		for _, s := range c.SecondaryInstance {
			plan = append(plan, tolerant(p, "Unregister the secondary "+s, Proc("master.dbo.sp_delete_log_shipping_primary_secondary",
				Arg{"primary_database", c.Database}, Arg{"secondary_server", s}, Arg{"secondary_database", c.SecondaryDatabase})))
		}
	}
	for _, s := range c.SecondaryInstance {
		if c.PrimaryOnly {
			break
		}
		plan = append(plan, c.secondarySteps(s)...)
	}
	for _, p := range primaries {
		plan = append(plan, tolerant(p, "Remove the log shipping primary database",
			Proc("master.dbo.sp_delete_log_shipping_primary_database", Arg{"database", c.Database})))
	}
	if !c.RemoveSecondaryDatabase {
		return plan, nil
	}
	return c.dropSteps(plan)
}

// secondarySteps remove one secondary's database and registration.
func (c *removeLogShipping) secondarySteps(s string) []step {
	return []step{
		tolerant(s, "Remove the log shipping secondary database", Proc("master.dbo.sp_delete_log_shipping_secondary_database",
			Arg{"secondary_database", c.SecondaryDatabase})),
		tolerant(s, "Unregister the primary", Proc("master.dbo.sp_delete_log_shipping_secondary_primary",
			Arg{"primary_server", c.PrimaryInstance}, Arg{"primary_database", c.Database})),
	}
}

// dropSteps append DROP DATABASE on each secondary.
func (c *removeLogShipping) dropSteps(plan []step) ([]step, error) {
	q, err := quote(c.SecondaryDatabase)
	if err != nil {
		return nil, err
	}
	for _, s := range c.SecondaryInstance {
		plan = append(plan, step{Instance: s, What: "Drop the secondary database", Stmt: Batch("DROP DATABASE " + q)})
	}
	return plan, nil
}

// tolerant is a step for which "not found" is success.
func tolerant(instance, what string, st Stmt) step {
	return step{Instance: instance, What: what, Stmt: st, Tolerant: true}
}

var _ cmdlet.Cmdlet = (*removeLogShipping)(nil)
