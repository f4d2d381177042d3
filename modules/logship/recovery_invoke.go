package logship

import (
	"slices"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-PcLogShippingRecovery",
		Synopsis: "Fails over to a log shipping secondary: tail-log backup, last copies and restores, then RESTORE WITH RECOVERY.",
		Description: "The SQL half of the Lync failover runbook (R3) and SQL Server's \"Fail Over to a Log Shipping Secondary\": " +
			"end the sessions using the secondary database; when -PrimaryInstance is given and answers with its database ONLINE, " +
			"remove its mirroring session if it is a mirroring principal (ALTER DATABASE … SET PARTNER OFF: SQL Server does not " +
			"allow BACKUP LOG WITH NORECOVERY on the principal of a session; its mirror is left RESTORING), disable its backup " +
			"job and back up the tail of the log WITH NORECOVERY into its backup directory (the primary is left RESTORING, fenced); " +
			"set the restore delay to 0; disable the copy and restore jobs so their schedules do not race; run the copy job and then the restore job and wait for each, so every file left on " +
			"the share is copied and restored in LSN order by SQL Server's own jobs; check the tail was restored; end the " +
			"sessions again; remove the secondary registration (sp_delete_log_shipping_secondary_database, which deletes the " +
			"copy and restore jobs); RESTORE DATABASE … WITH RECOVERY. A failed restore (a broken LSN chain) stops before the " +
			"database is recovered. " +
			"When the copy job fails because the backup share cannot be reached (operating system error 53, 64 or 67: the primary " +
			"data center is gone, or the link to it is cut), R3 step 2 cannot be done: the cmdlet stops with BackupShareUnreachable, " +
			"and with -FromCopyDirectory it warns and goes on with the files already in the copy directory (the restore job restores " +
			"them), losing the log backups only the share holds. " +
			"Re-running after a partial failure: a database already recovered (ONLINE, no longer registered as a secondary, its log " +
			"restores in msdb) is reported as AlreadyRecovered and nothing changes; a database still RESTORING whose registration " +
			"and jobs are gone (sp_delete_log_shipping_secondary_database ran, as R3 step 1 does it) has the log backups of the copy " +
			"directory (-CopyDirectory, by default the folder of the last log restored; listed from where pcsh runs) that continue " +
			"its chain restored in LSN order WITH NORECOVERY, then is recovered. " +
			"The last object written, LastRestoredLog, is the last log backup restored (file, backup_finish_date, LSNs, from msdb " +
			"restorehistory and backupset): transactions committed after it may be lost, unless TailLog says it is the tail. " +
			"Without a tail-log backup (no -PrimaryInstance, or it does not answer, or its database is not ONLINE) what never " +
			"reached the secondary is lost, so the cmdlet needs -AllowDataLoss on this call, -WhatIf included (-Force does not " +
			"allow it); with the tail nothing is lost and -AllowDataLoss is not needed. The Lync steps that follow " +
			"(Set-CsPersistentChatState -PoolState FailedOver, Install-CsMirrorDatabase, active servers) are separate cmdlets.",
		Impact: cmdlet.ImpactHigh,
		Output: "StepResult, JobRun, LastRestoredLog",
		Examples: []cmdlet.Example{
			{Code: "Invoke-PcLogShippingRecovery -SqlInstance dc2-sql1 -Database mgc -PrimaryInstance dc1-sql1 -WhatIf", Remarks: "Shows every statement of the failover; no -AllowDataLoss is needed while dc1-sql1 answers with mgc ONLINE."},
			{Code: "Invoke-PcLogShippingRecovery dc2-sql1 -Database mgc -AllowDataLoss", Remarks: "Data center 1 is down: recover the secondary from what reached the share."},
			{Code: "Invoke-PcLogShippingRecovery dc2-sql1 -Database mgc -FromCopyDirectory -AllowDataLoss", Remarks: "Data center 1 and its share are gone: recover from the files already copied, and report the last log restored."},
		},
		Related: []string{"Start-PcLogShippingJob", "Remove-PcLogShipping", "Set-CsPersistentChatState"},
		New:     func() cmdlet.Cmdlet { return new(recovery) },
	})
}

type recovery struct {
	SqlInstance       string        `param:"position=0,mandatory" help:"The secondary instance to bring online."`
	Database          string        `param:"mandatory" help:"The secondary database, e.g. mgc."`
	PrimaryInstance   string        `param:"" help:"The primary; when it answers with the database ONLINE its mirroring is removed and the tail of its log is backed up WITH NORECOVERY first."`
	PrimaryDatabase   string        `param:"" help:"The primary database; default the same as -Database."`
	FromCopyDirectory bool          `param:"" help:"When the copy job cannot reach the backup share, go on with the files already in the copy directory (what only the share holds is lost)."`
	CopyDirectory     string        `param:"" help:"The copy directory, as pcsh reads it, when the log shipping registration is already gone; default the folder of the last log restored."`
	JobTimeout        time.Duration `param:"default=30m" help:"How long to wait for each of the copy and restore jobs."`
	PollEvery         time.Duration `param:"default=1s" help:"How often to read the job history while waiting."`
	Settle            time.Duration `param:"default=2s" help:"How long a backup job run already under way is given to finish before the tail-log backup."`
	AllowDataLoss     bool          `param:"" help:"Allows the recovery without a tail-log backup, which loses what never reached the secondary. Only on this call: never implied by -Force or inherited."`
}

// Process runs the failover steps in order.
func (c *recovery) Process(ctx *cmdlet.Context) error {
	if c.PrimaryDatabase == "" {
		c.PrimaryDatabase = c.Database
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
	sec  secondaryView
	tail string // the tail-log file name, "" when none was taken or planned
	// tailTaken says the tail-log backup was made, not only shown by
	// -WhatIf: only then is its restore verified.
	tailTaken bool
}

func (r *recoveryRun) run(qdb, qpdb string) error {
	c, ctx := r.c, r.ctx
	secErr := r.viewSecondary()
	if r.sec.recovered() {
		ctx.WriteVerbose("%s on %s is already recovered (ONLINE, no longer a log shipping secondary): nothing to do.", c.Database, c.SqlInstance)
		return r.reportLastLog("AlreadyRecovered")
	}
	v := r.viewPrimary()
	if err := r.refuseLoss(v); err != nil {
		return err
	}
	if secErr != nil {
		return secErr
	}
	if err := r.sec.check(c.SqlInstance, c.Database); err != nil {
		return err
	}
	if err := r.secondary("End the sessions using the database", killSessionsStmt(c.Database)); err != nil {
		return err
	}
	if err := r.tailLog(v, qpdb); err != nil || ctx.Stopped() {
		return err
	}
	orphan := r.sec.Known && !r.sec.Configured
	if orphan {
		if err := r.restoreOrphan(qdb, qpdb); err != nil || ctx.Stopped() {
			return err
		}
	} else if err := r.restoreShipped(); err != nil || ctx.Stopped() {
		return err
	}
	plan := []step{{Instance: c.SqlInstance, What: "End the sessions using the database", Stmt: killSessionsStmt(c.Database)}}
	if !orphan {
		plan = append(plan, step{Instance: c.SqlInstance, What: "Remove the log shipping secondary database", Stmt: deleteSecondaryStmt(c.Database)})
	}
	if err := runPlan(ctx, r.srvs, plan); err != nil || ctx.Stopped() {
		return err
	}
	_, d, err := runStep(ctx, r.srvs, step{Instance: c.SqlInstance, What: "Recover the database", Stmt: recoverStmt(qdb)})
	if err != nil || d != cmdlet.Proceed {
		return err
	}
	return r.reportLastLog("Recovered")
}

// restoreShipped runs the log shipping side: no restore delay, the jobs
// disabled, the copy and restore jobs run and waited for.
func (r *recoveryRun) restoreShipped() error {
	c := r.c
	if err := r.secondary("Restore every copied file without delay", noDelayStmt(c.Database)); err != nil {
		return err
	}
	if err := r.secondary("Disable the copy and restore jobs", disableSecondaryJobsStmt(c.Database)); err != nil {
		return err
	}
	return r.drain()
}

// restoreOrphan restores the copy directory (and the tail, read from the
// primary's backup share) into a database whose registration is gone.
func (r *recoveryRun) restoreOrphan(qdb, qpdb string) error {
	c, ctx := r.c, r.ctx
	ctx.WriteWarning("%s on %s is RESTORING but no longer registered as a log shipping secondary (sp_delete_log_shipping_secondary_database ran): "+
		"restoring the log backups of its copy directory in LSN order, then recovering.", c.Database, c.SqlInstance)
	var extra []string
	if r.tail != "" {
		share, err := r.primaryShare()
		if err != nil {
			return err
		}
		extra = append(extra, joinPath(share, r.tail))
	}
	done, err := r.restoreCopyDirectory(qdb, extra...)
	if err != nil || !r.tailTaken {
		return err
	}
	if !slices.ContainsFunc(done, func(p string) bool { return sameFile(p, r.tail) }) {
		return tailNotRestored(c.SqlInstance, r.tail, strings.Join(done, ", "))
	}
	return nil
}

// secondary runs one step on the secondary.
func (r *recoveryRun) secondary(what string, st Stmt) error {
	_, _, err := runStep(r.ctx, r.srvs, step{Instance: r.c.SqlInstance, What: what, Stmt: st})
	return err
}

var _ cmdlet.Cmdlet = (*recovery)(nil)
