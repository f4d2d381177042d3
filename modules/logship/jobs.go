package logship

import (
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// JobKind names a log shipping job.
type JobKind string

// Values lists the jobs: Backup runs on the primary, Copy and Restore on
// the secondary.
func (JobKind) Values() []string { return []string{"Backup", "Copy", "Restore"} }

// jobLookup selects the job id of a kind for database @p1 from the log
// shipping configuration in msdb.
var jobLookup = map[JobKind]string{
	"Backup": "SELECT @job_id = backup_job_id FROM msdb.dbo.log_shipping_primary_databases WHERE primary_database = @p1;",
	"Copy": "SELECT @job_id = s.copy_job_id FROM msdb.dbo.log_shipping_secondary AS s JOIN msdb.dbo.log_shipping_secondary_databases AS d " +
		"ON d.secondary_id = s.secondary_id WHERE d.secondary_database = @p1;",
	"Restore": "SELECT @job_id = s.restore_job_id FROM msdb.dbo.log_shipping_secondary AS s JOIN msdb.dbo.log_shipping_secondary_databases AS d " +
		"ON d.secondary_id = s.secondary_id WHERE d.secondary_database = @p1;",
}

// startJobStmt finds the job in msdb, returns its id and last history
// row, and starts it, in one batch (50000 when the database has no such
// job here).
func startJobStmt(kind JobKind, db string) Stmt {
	return Batch("DECLARE @job_id uniqueidentifier; "+jobLookup[kind]+
		" IF @job_id IS NULL THROW 50000, N'The database has no log shipping job of this kind on this instance.', 1;"+
		" SELECT @job_id AS job_id, (SELECT MAX(instance_id) FROM msdb.dbo.sysjobhistory WHERE job_id = @job_id) AS last_instance_id;"+
		" EXEC msdb.dbo.sp_start_job @job_id = @job_id;", db)
}

// jobOutcomeQuery reads the job's outcome row (step 0) written after a
// given history row.
const jobOutcomeQuery = "SELECT TOP (1) run_status, message FROM msdb.dbo.sysjobhistory " +
	"WHERE job_id = @p1 AND step_id = 0 AND instance_id > @p2 ORDER BY instance_id DESC"

// startedJob is a job start's handle for waiting.
type startedJob struct {
	ID    any
	After int64
}

// startJob starts kind's job for db on srv; ran is false under -WhatIf.
func startJob(ctx *cmdlet.Context, srv Server, kind JobKind, db string) (startedJob, bool, error) {
	res, d, err := applyStmt(ctx, srv, startJobStmt(kind, db))
	ran := d == cmdlet.Proceed
	if err != nil {
		if connection.ErrorNumber(err) == 50000 {
			return startedJob{}, ran, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "JobNotFound", srv.Name(),
				"%s has no log shipping %s job for the database %s.", srv.Name(), kind, db).
				WithHint("the Backup job runs on the primary, Copy and Restore on the secondary")
		}
		return startedJob{}, ran, err
	}
	if !ran {
		return startedJob{}, false, nil
	}
	j := startedJob{}
	if rows := res.First().Rows; len(rows) > 0 {
		j.ID = rows[0][0]
		j.After, _ = integer(rows[0][1])
	}
	return j, true, nil
}

// waitJob polls the job history every poll until the run ends or the
// timeout passes; it returns the outcome and the job's message.
func waitJob(ctx *cmdlet.Context, srv Server, j startedJob, timeout, poll time.Duration) (bool, string, error) {
	deadline := ctx.Session.Now().Add(timeout)
	for {
		res, err := query(ctx, srv, Batch(jobOutcomeQuery, j.ID, j.After))
		if err != nil {
			return false, "", err
		}
		if rows := res.First().Rows; len(rows) > 0 {
			ok, _ := integer(rows[0][0])
			return ok == 1, str(rows[0][1]), nil
		}
		if !ctx.Session.Now().Before(deadline) {
			return false, "", cmdlet.Errorf(cmdlet.CategoryOperationTimeout, "JobTimeout", srv.Name(),
				"The job did not finish on %s within %s.", srv.Name(), timeout)
		}
		if err := sleep(ctx, poll); err != nil {
			return false, "", err
		}
	}
}

// sleep waits d or until the command is cancelled.
func sleep(ctx *cmdlet.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

var _ cmdlet.Enum = JobKind("")
