package mirror

import (
	"pcsh/runtime/cmdlet"
)

// CsMirrorDatabaseRemoval is the outcome of Uninstall-CsMirrorDatabase for
// one database.
type CsMirrorDatabaseRemoval struct {
	DatabaseName          string
	Principal             string
	Mirror                string
	MirroringRemoved      bool
	MirrorDatabaseDropped bool
}

// uninstall ends the session of one pair and drops the mirror's copy on
// request.
func (c *uninstallMirror) uninstall(ctx *cmdlet.Context, w *World, p *pair, rep *report) error {
	n, err := openPartners(ctx, w, p)
	if err != nil {
		return err
	}
	pDB, mDB, err := readPair(ctx, w, n, p.Database)
	if err != nil {
		return err
	}
	steps, off, err := c.plan(ctx, n, p.Database, pDB, mDB)
	if err != nil {
		return err
	}
	if d, err := c.runRemoval(ctx, n, p.Database, steps, rep); err != nil || d != cmdlet.Proceed {
		return err
	}
	after, err := readDatabase(ctx, off, p.Database)
	if err != nil {
		return err
	}
	if after.Mirrored {
		return errorf(categoryOperation, "MirroringNotRemoved", off.Name(), "The database %s on %s is still mirrored (%s).", p.Database, off.Name(), after.MirrorState)
	}
	ctx.WriteObject(&CsMirrorDatabaseRemoval{DatabaseName: p.Database, Principal: n.pName, Mirror: n.mName,
		MirroringRemoved: true, MirrorDatabaseDropped: c.DropExistingDatabasesOnMirror})
	return nil
}

// runRemoval runs SET PARTNER OFF and then, when it drops the mirror's
// copy, first ends a session the mirror still holds: OFF on the principal
// reaches a mirror only over a connected session, and SQL Server refuses
// DROP DATABASE of a mirrored database (3743). When -WhatIf only showed
// SET PARTNER OFF, the mirror is not read: the drop is shown as planned.
func (c *uninstallMirror) runRemoval(ctx *cmdlet.Context, n installNodes, db string, steps []step, rep *report) (cmdlet.Decision, error) {
	last := len(steps) - 1
	if !c.DropExistingDatabasesOnMirror || last < 1 || n.mirror == nil {
		return runSteps(ctx, steps, rep)
	}
	off, err := runSteps(ctx, steps[:last], rep)
	if err != nil {
		return off, err
	}
	if off != cmdlet.WhatIfShown {
		if off, err = c.endMirrorSession(ctx, n, db, rep, off); err != nil {
			return off, err
		}
	}
	drop, err := runSteps(ctx, steps[last:], rep)
	return overall(off, drop), err
}

// endMirrorSession runs SET PARTNER OFF on the mirror too while its copy
// still holds the session, and sums up the decisions about the removal.
func (c *uninstallMirror) endMirrorSession(ctx *cmdlet.Context, n installNodes, db string, rep *report, off cmdlet.Decision) (cmdlet.Decision, error) {
	m, err := readDatabase(ctx, n.mirror, db)
	if err != nil || !m.Mirrored || m.Role != "MIRROR" {
		return off, err
	}
	ctx.WriteWarning("%s on %s still holds the mirroring session (%s); SET PARTNER OFF runs there too before the copy is dropped.", db, n.mName, m.MirrorState)
	q, err := quote(db)
	if err != nil {
		return off, err
	}
	d, err := runSteps(ctx, []step{{On: n.mirror, Target: n.mName, SQL: partnerOption(q, "OFF")}}, rep)
	return overall(off, d), err
}

// openPartners opens both partners. A principal that cannot be reached
// is left out (SET PARTNER OFF then runs on the mirror); under -WhatIf
// either is assumed.
func openPartners(ctx *cmdlet.Context, w *World, p *pair) (installNodes, error) {
	n := installNodes{pName: instanceName(p.Principal), mName: instanceName(p.Mirror)}
	var err error
	if n.principal, err = connectOrAssume(ctx, w, n.pName, "the database is the principal"); err != nil {
		ctx.WriteWarning("%s", cmdlet.AsRecord(err).Message)
	}
	n.mirror, err = connectOrAssume(ctx, w, n.mName, "the database is the mirror")
	return n, err
}

// readPair reads the database on both partners; an unreachable principal
// is an error only when the mirror cannot take SET PARTNER OFF instead.
func readPair(ctx *cmdlet.Context, w *World, n installNodes, db string) (dbState, dbState, error) {
	p := dbState{Name: db, Exists: true, Mirrored: true, Role: "PRINCIPAL", Assumed: true}
	m := dbState{Name: db, Exists: true, Mirrored: true, Role: "MIRROR", State: "RESTORING", Assumed: true}
	var err error
	switch {
	case n.principal != nil:
		if p, err = readDatabase(ctx, n.principal, db); err != nil {
			return p, m, err
		}
	case ctx.Mode() != cmdlet.Planning:
		p = dbState{Name: db}
	}
	if n.mirror != nil {
		m, err = readDatabase(ctx, n.mirror, db)
	}
	return p, m, err
}

// plan chooses where SET PARTNER OFF runs (the principal store, else the
// mirror) and whether the mirror's copy may be dropped; it returns the
// steps and the instance to verify on.
func (c *uninstallMirror) plan(ctx *cmdlet.Context, n installNodes, db string, pDB, mDB dbState) ([]step, SQL, error) {
	q, err := quote(db)
	if err != nil {
		return nil, nil, err
	}
	on, name, d := n.principal, n.pName, pDB
	if !pDB.Mirrored && !pDB.Assumed && mDB.Mirrored {
		ctx.WriteWarning("%s on %s is not in a mirroring session; SET PARTNER OFF runs on the mirror %s.", db, n.pName, n.mName)
		on, name, d = n.mirror, n.mName, mDB
	}
	if !d.Mirrored {
		return nil, nil, notMirrored(name, db)
	}
	steps := []step{{On: on, Target: name, SQL: partnerOption(q, "OFF")}}
	if !c.DropExistingDatabasesOnMirror {
		return steps, on, nil
	}
	if !mDB.Exists {
		ctx.WriteVerbose("There is no %s on %s to drop.", db, n.mName)
		return steps, on, nil
	}
	if mDB.Role == "PRINCIPAL" {
		return nil, nil, errorf(categoryOperation, "MirrorIsPrincipal", n.mName,
			"The topology's mirror %s holds the principal copy of %s after a failover; dropping it would drop the live database.", n.mName, db).
			WithHint("fail back first: Invoke-CsDatabaseFailover -NewPrincipal Primary")
	}
	return append(steps, step{On: n.mirror, Target: n.mName, SQL: dropDatabase(q)}), on, nil
}
