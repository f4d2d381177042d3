package logship

import (
	"fmt"
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// primaryView is what the recovery learned of the primary before acting.
type primaryView struct {
	// Tail is true when the tail of the log can be backed up: the primary
	// answered with its database ONLINE. Nothing committed is lost then.
	Tail bool
	// Plan is true when the tail-log steps are planned: Tail, or -WhatIf
	// with a primary that did not answer (the run decides again).
	Plan bool
	// Mirrored is true when the database is a mirroring principal, whose
	// session is removed before the tail-log backup.
	Mirrored bool
	// Why says why the tail cannot be backed up, when it cannot.
	Why string
}

// viewPrimary reads, without changing anything, whether the tail of the
// primary's log can be backed up. -WhatIf reads it too.
func (r *recoveryRun) viewPrimary() primaryView {
	c, ctx := r.c, r.ctx
	if c.PrimaryInstance == "" {
		return primaryView{Why: "no -PrimaryInstance was given"}
	}
	st, err := stateOn(ctx, r.srvs, c.PrimaryInstance, c.PrimaryDatabase)
	switch {
	case err != nil:
		return primaryView{Plan: ctx.Mode() == cmdlet.Planning, Why: fmt.Sprintf("the primary %s is not reachable (%s)", c.PrimaryInstance, cmdlet.AsRecord(err).Message)}
	case !st.Exists:
		return primaryView{Why: fmt.Sprintf("the database %s does not exist on %s", c.PrimaryDatabase, c.PrimaryInstance)}
	case st.State != "ONLINE":
		return primaryView{Why: fmt.Sprintf("the database %s on %s is %s, not ONLINE", c.PrimaryDatabase, c.PrimaryInstance, st.State)}
	}
	v := primaryView{Tail: true, Plan: true}
	srv, err := r.srvs.get(ctx, c.PrimaryInstance)
	if err == nil {
		var res *connection.Result
		if res, err = query(ctx, srv, Batch(mirroringRoleQuery, c.PrimaryDatabase)); err == nil {
			v.Mirrored = str(res.Scalar()) == "PRINCIPAL"
		}
	}
	if err != nil {
		return primaryView{Plan: ctx.Mode() == cmdlet.Planning, Why: fmt.Sprintf("the mirroring state of %s on %s cannot be read (%s)",
			c.PrimaryDatabase, c.PrimaryInstance, cmdlet.AsRecord(err).Message)}
	}
	return v
}

// refuseLoss refuses without -AllowDataLoss when the tail of the log
// cannot be backed up, saying why.
func (r *recoveryRun) refuseLoss(v primaryView) error {
	if v.Tail {
		return nil
	}
	return cmdlet.RefuseDataLoss(r.c.AllowDataLoss, r.c.SqlInstance,
		"Recovering %s on %s (RESTORE DATABASE … WITH RECOVERY) without a tail-log backup ends log shipping and loses the "+
			"transactions committed after the last log backup that reached it: %s (with the primary reachable and its database "+
			"ONLINE, the tail is backed up WITH NORECOVERY and nothing is lost)", r.c.Database, r.c.SqlInstance, v.Why)
}

// tailLog removes mirroring when the primary is a principal, disables
// the primary's backup job and backs up the tail, when v plans it.
func (r *recoveryRun) tailLog(v primaryView, qpdb string) error {
	c, ctx := r.c, r.ctx
	if !v.Plan {
		ctx.WriteWarning("No tail-log backup: %s; transactions after the last log backup on the share are lost.", v.Why)
		return nil
	}
	if !v.Tail {
		ctx.WriteWarning("%s%s; the run backs up the tail only if it answers with the database ONLINE.", strings.ToUpper(v.Why[:1]), v.Why[1:])
	}
	if v.Mirrored {
		if _, _, err := runStep(ctx, r.srvs, step{Instance: c.PrimaryInstance,
			What: "Remove mirroring (BACKUP LOG WITH NORECOVERY is not allowed on a mirroring principal)", Stmt: partnerOffStmt(qpdb)}); err != nil {
			return err
		}
	}
	_, disabled, err := runStep(ctx, r.srvs, step{Instance: c.PrimaryInstance, What: "Disable the backup job", Stmt: disableBackupJobStmt(c.PrimaryDatabase)})
	if err != nil {
		return err
	}
	file, err := r.tailName(disabled)
	if err != nil {
		return err
	}
	_, d, err := runStep(ctx, r.srvs, step{Instance: c.PrimaryInstance, What: "Back up the tail of the log", Stmt: tailLogStmt(qpdb, c.PrimaryDatabase, file)})
	switch {
	case err != nil || ctx.Stopped():
		return err
	case d == cmdlet.Declined:
		return r.tailDeclined()
	}
	r.tail, r.tailTaken = file, d == cmdlet.Proceed
	return nil
}

// tailDeclined goes on without the tail-log backup the admin answered No
// to only with -AllowDataLoss: the recovery then loses what the tail held.
func (r *recoveryRun) tailDeclined() error {
	c := r.c
	if err := cmdlet.RefuseDataLoss(c.AllowDataLoss, c.SqlInstance,
		"The tail-log backup of %s on %s was answered No: recovering %s on %s without it loses the transactions committed after the last log backup that reached it",
		c.PrimaryDatabase, c.PrimaryInstance, c.Database, c.SqlInstance); err != nil {
		return err
	}
	r.ctx.WriteWarning("No tail-log backup: it was answered No; transactions after the last log backup on the share are lost.")
	return nil
}

// tailName names the tail-log backup <database>_<UTC stamp>.trn, the
// pattern the copy and restore jobs pick up, one second after both now
// and the last backup job file: BACKUP LOG to an existing name would
// append a second backup set, which the restore job does not read. A
// job run that began before the job was disabled is given settle to
// finish first. When -WhatIf only showed the disabling (disabled), the
// name is planned from the clock alone.
func (r *recoveryRun) tailName(disabled cmdlet.Decision) (string, error) {
	c, ctx := r.c, r.ctx
	at := ctx.Session.Now()
	if disabled != cmdlet.WhatIfShown {
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

// primaryShare reads the primary's backup share, where the tail went;
// a tail that -WhatIf only showed is planned on a placeholder share.
func (r *recoveryRun) primaryShare() (string, error) {
	if !r.tailTaken {
		return `\\<backup share>`, nil
	}
	srv, err := r.srvs.get(r.ctx, r.c.PrimaryInstance)
	if err != nil {
		return "", err
	}
	res, err := query(r.ctx, srv, Batch(backupShareQuery, r.c.PrimaryDatabase))
	if err != nil {
		return "", stepFailed(err, "Read the backup share on "+r.c.PrimaryInstance)
	}
	return str(res.Scalar()), nil
}
