package mirror

import (
	"pcsh/runtime/cmdlet"
)

// failoverSides are the partners of one failover: the one that is to
// become principal and the current principal.
type failoverSides struct {
	newS, oldS       SQL // nil: unreachable (assumed under -WhatIf)
	newName, oldName string
	oldErr           error // why the current principal cannot be reached
}

// failover runs a planned or a forced failover of one database.
func (c *invokeFailover) failover(ctx *cmdlet.Context, w *World, p *pair, rep *report) error {
	sd, err := c.open(ctx, w, p)
	if err != nil {
		return err
	}
	newDB := dbState{Name: p.Database, Exists: true, Mirrored: true, Role: "MIRROR", MirrorState: "SYNCHRONIZED", Safety: "FULL", Assumed: true}
	if sd.newS != nil {
		if newDB, err = readDatabase(ctx, sd.newS, p.Database); err != nil {
			return err
		}
	}
	newDB = assumeMirrored(ctx, newDB, sd.newName, "MIRROR")
	switch {
	case !newDB.Mirrored:
		return notMirrored(sd.newName, p.Database)
	case newDB.Role == "PRINCIPAL":
		ctx.WriteWarning("%s on %s is already the principal; nothing was changed.", p.Database, sd.newName)
		rep.note(sd.newName, p.Database, "already the principal")
		return nil
	case sd.oldErr != nil:
		return c.forced(ctx, w, sd, newDB, rep)
	}
	return c.planned(ctx, w, sd, p.Database, rep)
}

// open connects to both partners. The current principal may be down: that
// is what -AllowDataLoss is for, so its failure is kept, not returned, and it
// decides between planned and forced under -WhatIf too.
func (c *invokeFailover) open(ctx *cmdlet.Context, w *World, p *pair) (failoverSides, error) {
	newStore, oldStore := p.Mirror, p.Principal
	if c.NewPrincipal == "Primary" {
		newStore, oldStore = p.Principal, p.Mirror
	}
	sd := failoverSides{newName: instanceName(newStore), oldName: instanceName(oldStore)}
	var err error
	if sd.newS, err = connectOrAssume(ctx, w, sd.newName, "the database is the mirror, SYNCHRONIZED with SAFETY FULL"); err != nil {
		return sd, err
	}
	sd.oldS, sd.oldErr = connect(ctx, w, sd.oldName)
	return sd, nil
}

// planned checks the current principal, fails over on it and verifies
// the new roles.
func (c *invokeFailover) planned(ctx *cmdlet.Context, w *World, sd failoverSides, db string, rep *report) error {
	old, err := c.readyToFailOver(ctx, w, sd, db)
	if err != nil {
		return err
	}
	q, err := quote(db)
	if err != nil {
		return err
	}
	if d, err := runSteps(ctx, []step{{On: sd.oldS, Target: sd.oldName, SQL: partnerOption(q, "FAILOVER")}}, rep); err != nil || d != cmdlet.Proceed {
		return err
	}
	after, err := c.verifyRoles(ctx, w, sd, db)
	if err != nil {
		return err
	}
	after = c.resynchronized(ctx, w, sd, db, after)
	ctx.WriteObject(&CsDatabaseFailover{DatabaseName: db, OldPrincipal: sd.oldName, NewPrincipal: sd.newName, Kind: "Planned",
		MirroringState: after.MirrorState, Safety: old.Safety})
	return nil
}

// resynchronized waits for the switched partners to reconnect and report
// SYNCHRONIZED again, so the result shows a settled session; a session
// that does not settle within the timeout is a warning, not a failure:
// the roles have switched.
func (c *invokeFailover) resynchronized(ctx *cmdlet.Context, w *World, sd failoverSides, db string, after dbState) dbState {
	st, ok, err := waitFor(ctx, w, sd.newS, db, c.Timeout, synchronized)
	if err != nil {
		return after
	}
	if !ok {
		ctx.WriteWarning("%s on %s is the principal but the session is %s, not yet SYNCHRONIZED; Get-PcMirroringStatus shows it.",
			db, sd.newName, orText(st.MirrorState, "unknown"))
	}
	return st
}

// readyToFailOver requires the current principal's database to be the
// PRINCIPAL with SAFETY FULL and SYNCHRONIZED; a SYNCHRONIZING session is
// waited for (not under -WhatIf).
func (c *invokeFailover) readyToFailOver(ctx *cmdlet.Context, w *World, sd failoverSides, db string) (dbState, error) {
	if sd.oldS == nil {
		return dbState{Safety: "FULL"}, nil
	}
	old, err := readDatabase(ctx, sd.oldS, db)
	if err == nil {
		old = assumeMirrored(ctx, old, sd.oldName, "PRINCIPAL")
	}
	switch {
	case err != nil:
		return old, err
	case !old.Mirrored:
		return old, notMirrored(sd.oldName, db)
	case old.Role != "PRINCIPAL":
		return old, wrongRole(sd.oldName, db, titleCase(old.Role), "principal", sd.newName)
	case old.Safety != "FULL":
		return old, errorf(categoryOperation, "SafetyNotFull", sd.oldName,
			"The mirroring safety of %s on %s is %s; a planned failover needs FULL.", db, sd.oldName, old.Safety).
			WithHint("Set-PcMirroringSafety %s -Database %s -Safety Full, wait for SYNCHRONIZED, then fail over", sd.oldName, db)
	case old.MirrorState == "SYNCHRONIZING" && ctx.Mode() != cmdlet.Planning:
		ctx.WriteVerbose("%s is SYNCHRONIZING; waiting up to %s for SYNCHRONIZED.", db, c.Timeout)
		old, _, err = waitFor(ctx, w, sd.oldS, db, c.Timeout, synchronized)
		if err != nil {
			return old, err
		}
	}
	if !synchronized(old) {
		return old, errorf(categoryOperation, "NotSynchronized", sd.oldName,
			"The mirroring session of %s is %s, not SYNCHRONIZED: a failover now could lose data.", db, orText(old.MirrorState, "unknown")).
			WithHint("Resume-PcMirroring if it is SUSPENDED, check the partners if DISCONNECTED, or use -AllowDataLoss on a principal that is down")
	}
	return old, nil
}

// verifyRoles waits for the new principal and checks the old one is now
// the mirror.
func (c *invokeFailover) verifyRoles(ctx *cmdlet.Context, w *World, sd failoverSides, db string) (dbState, error) {
	isPrincipal := func(st dbState) bool { return st.Role == "PRINCIPAL" }
	st, ok, err := waitFor(ctx, w, sd.newS, db, c.Timeout, isPrincipal)
	if err == nil && !ok {
		err = roleNotVerified(sd.newName, db, "principal", st.Role)
	}
	if err != nil || sd.oldS == nil {
		return st, err
	}
	old, err := readDatabase(ctx, sd.oldS, db)
	if err == nil && old.Role != "MIRROR" {
		err = roleNotVerified(sd.oldName, db, "mirror", old.Role)
	}
	return st, err
}

func roleNotVerified(inst, db, want, got string) error {
	return errorf(categoryOperation, "RoleSwitchNotVerified", inst,
		"After the failover %s on %s is %s, not the %s.", db, inst, orText(got, "not mirrored"), want).
		WithHint("Get-PcMirroringStatus %s -Database %s shows the session", inst, db)
}

// assumeMirrored lets -WhatIf plan a failover of a database that is not
// mirrored yet, as the step of a runbook that mirrors it first would leave
// it: with a warning, st becomes a SYNCHRONIZED session with SAFETY FULL
// in role. Outside -WhatIf, and for a mirrored database, st is returned
// as it is.
func assumeMirrored(ctx *cmdlet.Context, st dbState, instance, role string) dbState {
	if ctx.Mode() != cmdlet.Planning || st.Mirrored {
		return st
	}
	ctx.WriteWarning("%s on %s is not mirrored yet; -WhatIf shows the failover assuming the session an earlier step sets up.", st.Name, instance)
	return dbState{Name: st.Name, Exists: true, Mirrored: true, Role: role, MirrorState: "SYNCHRONIZED", Safety: "FULL", Assumed: true}
}
