package logship

import (
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-PcLogShippingRecovery",
		Synopsis: "Fails over to a log shipping secondary: tail-log backup, last copies and restores, then RESTORE WITH RECOVERY.",
		Description: "The SQL half of the Lync failover runbook (R3) and SQL Server's \"Fail Over to a Log Shipping Secondary\": " +
			"end the sessions using the secondary database; when -PrimaryInstance is given and reachable, disable its backup " +
			"job and back up the tail of the log WITH NORECOVERY into its backup directory (the primary is left RESTORING); " +
			"set the restore delay to 0; disable the copy and restore jobs so their schedules do not race; run the copy job and then the restore job and wait for each, so every file left on " +
			"the share is copied and restored in LSN order by SQL Server's own jobs; check the tail was restored; end the " +
			"sessions again; remove the secondary registration (sp_delete_log_shipping_secondary_database, which deletes the " +
			"copy and restore jobs); RESTORE DATABASE … WITH RECOVERY. A failed restore (a broken LSN chain) stops before the " +
			"database is recovered. It ends log shipping, and what never reached the share (all of the log after the last " +
			"log backup when the tail cannot be backed up) is lost, so it needs -AllowDataLoss on this call, -WhatIf " +
			"included (-Force does not allow it). The Lync steps that follow " +
			"(Set-CsPersistentChatState -PoolState FailedOver, Install-CsMirrorDatabase, active servers) are separate cmdlets.",
		Impact: cmdlet.ImpactHigh,
		Output: "StepResult",
		Examples: []cmdlet.Example{
			{Code: "Invoke-PcLogShippingRecovery -SqlInstance dc2-sql1 -Database mgc -PrimaryInstance dc1-sql1 -AllowDataLoss -WhatIf", Remarks: "Shows every statement of the failover."},
			{Code: "Invoke-PcLogShippingRecovery dc2-sql1 -Database mgc -AllowDataLoss", Remarks: "Data center 1 is down: recover the secondary from what reached the share."},
		},
		Related: []string{"Start-PcLogShippingJob", "Remove-PcLogShipping", "Set-CsPersistentChatState"},
		New:     func() cmdlet.Cmdlet { return new(recovery) },
	})
}

type recovery struct {
	SqlInstance     string        `param:"position=0,mandatory" help:"The secondary instance to bring online."`
	Database        string        `param:"mandatory" help:"The secondary database, e.g. mgc."`
	PrimaryInstance string        `param:"" help:"The primary; when it is reachable the tail of its log is backed up WITH NORECOVERY first."`
	PrimaryDatabase string        `param:"" help:"The primary database; default the same as -Database."`
	JobTimeout      time.Duration `param:"default=30m" help:"How long to wait for each of the copy and restore jobs."`
	PollEvery       time.Duration `param:"default=1s" help:"How often to read the job history while waiting."`
	Settle          time.Duration `param:"default=2s" help:"How long a backup job run already under way is given to finish before the tail-log backup."`
	AllowDataLoss   bool          `param:"" help:"Allows the recovery, which loses what never reached the share. Only on this call: never implied by -Force or inherited."`
}

// Process runs the failover steps in order.
func (c *recovery) Process(ctx *cmdlet.Context) error {
	if c.PrimaryDatabase == "" {
		c.PrimaryDatabase = c.Database
	}
	if err := cmdlet.RefuseDataLoss(c.AllowDataLoss, c.SqlInstance,
		"Recovering %s on %s (RESTORE DATABASE … WITH RECOVERY) ends log shipping: transactions that never reached the share "+
			"are lost, all of them after the last log backup when the primary's tail cannot be backed up", c.Database, c.SqlInstance); err != nil {
		return err
	}
	qdb, err := quote(c.Database)
	if err != nil {
		return err
	}
	qpdb, err := quote(c.PrimaryDatabase)
	if err != nil {
		return err
	}
	r := &recoveryRun{c: c, ctx: ctx, srvs: servers{}}
	return r.run(qdb, qpdb)
}

// recoveryRun is one run's state.
type recoveryRun struct {
	c    *recovery
	ctx  *cmdlet.Context
	srvs servers
	tail string // the tail-log file name, "" when none was taken
}

func (r *recoveryRun) run(qdb, qpdb string) error {
	c, ctx := r.c, r.ctx
	if !ctx.WhatIf() {
		if err := r.checkSecondary(); err != nil {
			return err
		}
	}
	if err := r.secondary("End the sessions using the database", killSessionsStmt(c.Database)); err != nil {
		return err
	}
	if err := r.tailLog(qpdb); err != nil {
		return err
	}
	if err := r.secondary("Restore every copied file without delay", noDelayStmt(c.Database)); err != nil {
		return err
	}
	if err := r.secondary("Disable the copy and restore jobs", disableSecondaryJobsStmt(c.Database)); err != nil {
		return err
	}
	if err := r.drain(); err != nil || ctx.Stopped() {
		return err
	}
	for _, s := range []step{
		{Instance: c.SqlInstance, What: "End the sessions using the database", Stmt: killSessionsStmt(c.Database)},
		{Instance: c.SqlInstance, What: "Remove the log shipping secondary database", Stmt: deleteSecondaryStmt(c.Database)},
		{Instance: c.SqlInstance, What: "Recover the database", Stmt: recoverStmt(qdb)},
	} {
		if _, err := runStep(ctx, r.srvs, s); err != nil || ctx.Stopped() {
			return err
		}
	}
	return nil
}

// secondary runs one step on the secondary.
func (r *recoveryRun) secondary(what string, st Stmt) error {
	_, err := runStep(r.ctx, r.srvs, step{Instance: r.c.SqlInstance, What: what, Stmt: st})
	return err
}

// checkSecondary requires the secondary database to be RESTORING or in
// STANDBY: an ONLINE database is not a log shipping secondary.
func (r *recoveryRun) checkSecondary() error {
	st, err := stateOn(r.ctx, r.srvs, r.c.SqlInstance, r.c.Database)
	if err != nil {
		return err
	}
	if st.State != "RESTORING" && !st.Standby {
		return wrongRole(r.c.SqlInstance, r.c.Database, st, "RESTORING or STANDBY (a log shipping secondary)")
	}
	return nil
}

// tailLog disables the primary's backup job and backs up the tail, when
// there is a primary and it answers with the database ONLINE.
func (r *recoveryRun) tailLog(qpdb string) error {
	c, ctx := r.c, r.ctx
	if c.PrimaryInstance == "" {
		ctx.WriteWarning("No -PrimaryInstance: no tail-log backup; transactions after the last log backup on the share are lost.")
		return nil
	}
	if !ctx.WhatIf() && !r.primaryOnline() {
		return nil
	}
	if _, err := runStep(ctx, r.srvs, step{Instance: c.PrimaryInstance, What: "Disable the backup job", Stmt: disableBackupJobStmt(c.PrimaryDatabase)}); err != nil {
		return err
	}
	file, err := r.tailName()
	if err != nil {
		return err
	}
	if _, err := runStep(ctx, r.srvs, step{Instance: c.PrimaryInstance, What: "Back up the tail of the log", Stmt: tailLogStmt(qpdb, c.PrimaryDatabase, file)}); err != nil {
		return err
	}
	r.tail = file
	return nil
}

// tailName names the tail-log backup <database>_<UTC stamp>.trn, the
// pattern the copy and restore jobs pick up, one second after both now
// and the last backup job file: BACKUP LOG to an existing name would
// append a second backup set, which the restore job does not read. A
// job run that began before the job was disabled is given settle to
// finish first.
func (r *recoveryRun) tailName() (string, error) {
	c, ctx := r.c, r.ctx
	at := ctx.Session.Now()
	if !ctx.WhatIf() {
		if err := sleep(ctx, r.c.Settle); err != nil {
			return "", err
		}
		srv, err := r.srvs.get(ctx, c.PrimaryInstance)
		if err != nil {
			return "", err
		}
		res, err := query(ctx, srv, Batch(lastBackupQuery, c.PrimaryDatabase))
		if err != nil {
			return "", stepFailed(err, "Read the last log backup on "+c.PrimaryInstance)
		}
		at = latest(ctx.Session.Now(), fileStamp(str(res.Scalar())))
	}
	return c.PrimaryDatabase + "_" + stamp(at.Add(time.Second)) + ".trn", nil
}

// latest returns the later of two times.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// fileStamp parses the UTC stamp of a log backup file name; zero when
// the name has none.
func fileStamp(name string) time.Time {
	name = name[strings.LastIndexAny(name, `\/`)+1:]
	name = strings.TrimSuffix(name, ".trn")
	if i := strings.LastIndexByte(name, '_'); i >= 0 {
		name = name[i+1:]
	}
	t, _ := time.ParseInLocation("20060102150405", name, time.UTC)
	return t
}

// primaryOnline reports whether the primary answers with the database
// ONLINE; otherwise it warns that the tail is skipped.
func (r *recoveryRun) primaryOnline() bool {
	c, ctx := r.c, r.ctx
	st, err := stateOn(ctx, r.srvs, c.PrimaryInstance, c.PrimaryDatabase)
	switch {
	case err != nil:
		ctx.WriteWarning("The primary %s is not reachable (%s); no tail-log backup: transactions after the last log backup are lost.",
			c.PrimaryInstance, cmdlet.AsRecord(err).Message)
	case st.State != "ONLINE":
		ctx.WriteWarning("The database %s on %s is %s, not ONLINE; no tail-log backup.", c.PrimaryDatabase, c.PrimaryInstance, st.State)
	default:
		return true
	}
	return false
}

// drain runs the copy job and then the restore job, waiting for each, and
// checks that the tail (when taken) is the last file restored.
func (r *recoveryRun) drain() error {
	c, ctx := r.c, r.ctx
	srv, err := r.srvs.get(ctx, c.SqlInstance)
	if err != nil {
		return err
	}
	for _, kind := range []JobKind{"Copy", "Restore"} {
		run, err := runJob(ctx, srv, kind, c.Database, true, c.JobTimeout, c.PollEvery)
		if err != nil {
			return stepFailed(err, "Run the "+string(kind)+" job on "+c.SqlInstance)
		}
		if run == nil {
			continue
		}
		ctx.WriteObject(run)
		if run.Outcome == "Failed" {
			return restoreStopped(run)
		}
	}
	return r.checkTail(srv)
}

// checkTail requires the last restored file to be the tail-log backup.
func (r *recoveryRun) checkTail(srv Server) error {
	if r.tail == "" || r.ctx.WhatIf() {
		return nil
	}
	res, err := query(r.ctx, srv, Batch(lastRestoredQuery, r.c.Database))
	if err != nil {
		return err
	}
	last := str(res.Scalar())
	if !strings.HasSuffix(strings.ReplaceAll(last, `\`, "/"), "/"+r.tail) && last != r.tail {
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "TailNotRestored", r.c.SqlInstance,
			"The tail-log backup %s was not restored on %s (last restored: %q); the database was not recovered.",
			r.tail, r.c.SqlInstance, last).WithHint("check Get-PcLogShippingError -SqlInstance %s, restore the tail, then re-run", r.c.SqlInstance)
	}
	return nil
}

// restoreStopped is the record for a copy or restore job that failed: a
// broken LSN chain, a missing file, an unreadable share.
func restoreStopped(run *JobRun) *cmdlet.ErrorRecord {
	rec := jobFailed(run)
	rec.ErrorID = "RecoveryStopped"
	rec.Message += " The database was not recovered."
	return rec
}

var _ cmdlet.Cmdlet = (*recovery)(nil)
