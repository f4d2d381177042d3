package logship

import (
	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// step is one batch on one instance, with what it does in words.
type step struct {
	Instance string
	What     string
	Stmt     Stmt
	// Tolerant steps report "not found" (isNotFound) as a warning and go
	// on; the others stop the plan.
	Tolerant bool
}

// StepResult is what Remove-PcLogShipping, New-PcLogShipping and
// Invoke-PcLogShippingRecovery write for each step.
type StepResult struct {
	SqlInstance string
	Step        string
	Status      string // Done, WhatIf, Skipped, NotFound
	Statement   string
}

// DefaultView names the properties shown by default.
func (StepResult) DefaultView() []string { return []string{"SqlInstance", "Step", "Status"} }

// servers caches one Server per instance name for a command.
type servers map[string]Server

// get returns the Server for instance, dialing it once.
func (s servers) get(ctx *cmdlet.Context, instance string) (Server, error) {
	if srv, ok := s[instance]; ok {
		return srv, nil
	}
	srv, err := dial(ctx, instance)
	if err != nil {
		return nil, err
	}
	s[instance] = srv
	return srv, nil
}

// runPlan runs the steps in order. A step answered No is skipped and
// the next one runs, as PowerShell's No does; the first failure of a
// step that is not tolerant, or a stopped command (No to All, a
// confirmation no one could give, Ctrl-C), ends it. Each step that runs
// writes a StepResult.
func runPlan(ctx *cmdlet.Context, srvs servers, plan []step) error {
	for _, st := range plan {
		if _, _, err := runStep(ctx, srvs, st); err != nil || ctx.Stopped() {
			return err
		}
	}
	return nil
}

// runStep runs one step, writes its result and says what was decided.
func runStep(ctx *cmdlet.Context, srvs servers, st step) (*connection.Result, cmdlet.Decision, error) {
	srv, err := srvs.get(ctx, st.Instance)
	if err != nil {
		return nil, 0, err
	}
	res, d, err := applyStmt(ctx, srv, st.Stmt)
	switch {
	case err != nil && st.Tolerant && isNotFound(err):
		ctx.WriteWarning("%s on %s: nothing to remove (%s).", st.What, st.Instance, connection.PrimaryError(connection.SQLErrors(err)).Message)
		writeStep(ctx, st, "NotFound")
		return res, d, nil
	case err != nil:
		return res, d, stepFailed(err, st.What+" on "+st.Instance)
	case d == cmdlet.Proceed:
		writeStep(ctx, st, "Done")
	}
	return res, d, nil
}

func writeStep(ctx *cmdlet.Context, st step, status string) {
	ctx.WriteObject(StepResult{SqlInstance: st.Instance, Step: st.What, Status: status, Statement: st.Stmt.SQL})
}

// primarySteps are the primary side in the documented order: the primary
// database, the backup job's schedule, the alert job (here when there is
// no monitor server), enabling the backup job.
func primarySteps(instance string, p Primary) []step {
	job := backupJobName(p.Database)
	plan := []step{
		{Instance: instance, What: "Add the log shipping primary database", Stmt: addPrimaryDatabase(p)},
		{Instance: instance, What: "Schedule the backup job", Stmt: jobSchedule(job, Schedule{backupScheduleName(p.Database), p.BackupInterval})},
	}
	plan = append(plan, alertSteps(instance, p.MonitorServer)...)
	return append(plan, step{Instance: instance, What: "Enable the backup job", Stmt: enableJob(job, true)})
}

// alertSteps add the alert job on the monitor, or on instance itself.
func alertSteps(instance, monitor string) []step {
	if monitor != "" {
		instance = monitor
	}
	return []step{{Instance: instance, What: "Add the log shipping alert job", Stmt: addAlertJob()}}
}

// secondarySteps are one secondary's side: the primary's registration
// (creating the copy and restore jobs), their schedules, the secondary
// database, the alert job when there is no monitor server.
func secondarySteps(s Secondary, restoreEvery Schedule) []step {
	cp := copyJobName(s.PrimaryServer, s.PrimaryDatabase)
	rs := restoreJobName(s.PrimaryServer, s.PrimaryDatabase)
	plan := []step{
		{Instance: s.Instance, What: "Register the primary on the secondary", Stmt: addSecondaryPrimary(s)},
		{Instance: s.Instance, What: "Schedule the copy job", Stmt: jobSchedule(cp, Schedule{copyScheduleName(s.PrimaryServer, s.PrimaryDatabase), s.CopyInterval})},
		{Instance: s.Instance, What: "Schedule the restore job", Stmt: jobSchedule(rs, restoreEvery)},
		{Instance: s.Instance, What: "Add the log shipping secondary database", Stmt: addSecondaryDatabase(s)},
	}
	if s.MonitorServer == "" {
		plan = append(plan, alertSteps(s.Instance, "")...)
	}
	return plan
}

// enableSecondarySteps enable the copy and restore jobs (the last step).
func enableSecondarySteps(s Secondary) []step {
	return []step{
		{Instance: s.Instance, What: "Enable the copy job", Stmt: enableJob(copyJobName(s.PrimaryServer, s.PrimaryDatabase), true)},
		{Instance: s.Instance, What: "Enable the restore job", Stmt: enableJob(restoreJobName(s.PrimaryServer, s.PrimaryDatabase), true)},
	}
}
