package logship

import (
	"pcsh/runtime/cmdlet"
)

// secondaryView is what the recovery read of the secondary before acting.
type secondaryView struct {
	// Known is false under -WhatIf when the secondary did not answer: the
	// whole log shipping failover is planned then.
	Known bool
	State dbState
	// Configured is true while the database is registered as a log
	// shipping secondary (its copy and restore jobs exist).
	Configured        bool
	CopyDir, ShareDir string
	Last              LastRestoredLog
}

// viewSecondary reads the secondary database's state, its log shipping
// registration and its last log restore; under -WhatIf an instance that
// does not answer leaves the view unknown.
func (r *recoveryRun) viewSecondary() error {
	c, ctx := r.c, r.ctx
	v := secondaryView{}
	st, err := stateOn(ctx, r.srvs, c.SqlInstance, c.Database)
	if err == nil {
		v.State = st
		err = r.readRegistration(&v)
	}
	if err == nil {
		var srv Server
		if srv, err = r.srvs.get(ctx, c.SqlInstance); err == nil {
			v.Last, err = readLastRestoredLog(ctx, srv, c.Database)
		}
	}
	if err != nil && ctx.Mode() == cmdlet.Planning {
		ctx.WriteVerbose("%s did not answer (%s): planning the whole failover.", c.SqlInstance, cmdlet.AsRecord(err).Message)
		return nil
	}
	if err != nil {
		return err
	}
	v.Known = true
	r.sec = v
	return nil
}

// readRegistration fills the log shipping registration of the view.
func (r *recoveryRun) readRegistration(v *secondaryView) error {
	srv, err := r.srvs.get(r.ctx, r.c.SqlInstance)
	if err != nil {
		return err
	}
	res, err := query(r.ctx, srv, Batch(secondaryConfigQuery, r.c.Database))
	if err != nil {
		return stepFailed(err, "Read the log shipping registration on "+r.c.SqlInstance)
	}
	if rows := res.First().Rows; len(rows) > 0 {
		v.Configured, v.CopyDir, v.ShareDir = true, str(rows[0][0]), str(rows[0][1])
	}
	return nil
}

// recovered reports whether a previous run already recovered the
// database: ONLINE, no longer registered, with log restores in msdb.
func (v secondaryView) recovered() bool {
	return v.Known && v.State.State == "ONLINE" && !v.State.Standby && !v.Configured && v.Last.File != ""
}

// check requires the database to be RESTORING or in STANDBY: an ONLINE
// database that was never restored from logs is not a secondary.
func (v secondaryView) check(instance, db string) error {
	if !v.Known || v.State.State == "RESTORING" || v.State.Standby {
		return nil
	}
	return wrongRole(instance, db, v.State, "RESTORING or STANDBY (a log shipping secondary)")
}
