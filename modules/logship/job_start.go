package logship

import (
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Start-PcLogShippingJob",
		Synopsis: "Starts a database's log shipping backup, copy or restore job now, and optionally waits for it.",
		Description: "Finds the job in the instance's log shipping configuration in msdb (the backup job on the primary, the " +
			"copy and restore jobs on the secondary) and starts it with msdb.dbo.sp_start_job, as the sqllogship " +
			"documentation recommends, in one batch. With -Wait it polls msdb.dbo.sysjobhistory until the run's outcome " +
			"row appears or -Timeout passes. While a scheduled run holds the job (22022) it waits for that run, " +
			"up to -Timeout, and then starts its own; a failed run is a non-terminating JobFailed error with the job's message.",
		Impact: cmdlet.ImpactLow,
		Output: "JobRun",
		Examples: []cmdlet.Example{
			{Code: "Start-PcLogShippingJob -SqlInstance dc1-sql1 -Database mgc -Job Backup -WhatIf", Remarks: "Shows the batch that finds and starts the backup job."},
			{Code: "Start-PcLogShippingJob dc2-sql1 -Database mgc -Job Restore -Wait -Timeout 5m", Remarks: "Restores what has been copied and waits for the outcome."},
		},
		Related: []string{"Get-PcLogShippingStatus", "Invoke-PcLogShippingRecovery"},
		New:     func() cmdlet.Cmdlet { return new(startJobCmd) },
	})
}

// JobRun is the outcome of Start-PcLogShippingJob.
type JobRun struct {
	SqlInstance string
	Database    string
	Job         string
	Outcome     string // Started, Succeeded, Failed
	Message     string

	started startedJob // the run's job id and history row, for reading its step messages
}

// DefaultView names the properties shown by default.
func (JobRun) DefaultView() []string { return []string{"SqlInstance", "Database", "Job", "Outcome"} }

type startJobCmd struct {
	SqlInstance string        `param:"position=0,mandatory,pipeline=byname" help:"The instance that runs the job: the primary for Backup, the secondary for Copy and Restore."`
	Database    string        `param:"mandatory,pipeline=byname" help:"The primary database (Backup) or the secondary database (Copy, Restore)."`
	Job         JobKind       `param:"mandatory" help:"Backup, Copy or Restore."`
	Wait        bool          `param:"" help:"Wait until the run ends and report its outcome."`
	Timeout     time.Duration `param:"default=10m" help:"How long -Wait waits."`
	PollEvery   time.Duration `param:"default=1s" help:"How often -Wait reads the job history."`
}

// Process starts the job and, with -Wait, waits for its outcome.
func (c *startJobCmd) Process(ctx *cmdlet.Context) error {
	srv, err := dial(ctx, c.SqlInstance)
	if err != nil {
		return err
	}
	run, err := runJob(ctx, srv, c.Job, c.Database, c.Wait, c.Timeout, c.PollEvery)
	if err != nil || run == nil {
		return err
	}
	ctx.WriteObject(run)
	if run.Outcome == "Failed" {
		ctx.WriteError(jobFailed(run))
	}
	return nil
}

// runJob starts a job and optionally waits; nil under -WhatIf.
func runJob(ctx *cmdlet.Context, srv Server, kind JobKind, db string, wait bool, timeout, poll time.Duration) (*JobRun, error) {
	j, ran, err := startWhenIdle(ctx, srv, kind, db, timeout, poll)
	if err != nil || !ran {
		return nil, err
	}
	run := &JobRun{SqlInstance: srv.Name(), Database: db, Job: string(kind), Outcome: "Started", started: j}
	if !wait {
		return run, nil
	}
	ok, msg, err := waitJob(ctx, srv, j, timeout, poll)
	if err != nil {
		return nil, err
	}
	run.Outcome, run.Message = "Succeeded", msg
	if !ok {
		run.Outcome = "Failed"
	}
	return run, nil
}

// startWhenIdle starts the job; while a scheduled run holds it (22022,
// "refused because the job is already running") it retries every poll
// until timeout.
func startWhenIdle(ctx *cmdlet.Context, srv Server, kind JobKind, db string, timeout, poll time.Duration) (startedJob, bool, error) {
	deadline := ctx.Session.Now().Add(timeout)
	for {
		j, ran, err := startJob(ctx, srv, kind, db)
		if connection.ErrorNumber(err) != 22022 || strings.Contains(cmdlet.AsRecord(err).Message, "not currently running") ||
			!ctx.Session.Now().Before(deadline) {
			return j, ran, err
		}
		ctx.WriteVerbose("The %s job on %s is already running; waiting for it.", kind, srv.Name())
		if err := sleep(ctx, poll); err != nil {
			return j, ran, err
		}
	}
}

// jobFailed is the record for a run that failed.
func jobFailed(r *JobRun) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "JobFailed", r.SqlInstance,
		"The %s job for %s on %s failed: %s", r.Job, r.Database, r.SqlInstance, r.Message).
		WithHint("Get-PcLogShippingError -SqlInstance %s shows the log shipping errors", r.SqlInstance)
}

var _ cmdlet.Cmdlet = (*startJobCmd)(nil)
