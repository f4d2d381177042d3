package mirror

import (
	"errors"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// installNodes are the open instances of one pair; a nil SQL is an
// instance that was unreachable under -WhatIf (or a pair without a
// witness).
type installNodes struct {
	principal, mirror, witness SQL
	pName, mName, wName        string
}

// installState is what the checks and the plan read.
type installState struct {
	pServer, mServer, wServer serverInfo
	pDB, mDB                  dbState
	pEP, mEP, wEP             endpointState
	files                     [][3]string
}

// errAlreadyMirrored means the database is mirrored to the topology's
// mirror already: nothing to do.
var errAlreadyMirrored = errors.New("already mirrored")

// seedAttempts is how many times the seed is taken when another log
// backup breaks its chain.
const seedAttempts = 3

// install seeds and starts mirroring for one pair. A log backup another
// job (a log shipping backup job) takes between the seed's full and log
// backups leaves the seed's log too recent for the full (4305): the
// set-up is rolled back, and it is taken again, up to seedAttempts times.
func (c *installMirror) install(ctx *cmdlet.Context, w *World, p *pair, rep *report) error {
	for attempt := 1; ; attempt++ {
		err := c.installOnce(ctx, w, p, rep)
		if attempt == seedAttempts || connection.ErrorNumber(err) != 4305 || ctx.Err() != nil || ctx.Fatal() != nil {
			return err
		}
		ctx.WriteWarning("Another log backup of %s was taken between the seed's full and log backups (4305); seeding again (attempt %d of %d).",
			p.Database, attempt+1, seedAttempts)
	}
}

// installOnce seeds and starts mirroring for one pair, rolling back what
// it changed when it fails.
func (c *installMirror) installOnce(ctx *cmdlet.Context, w *World, p *pair, rep *report) error {
	n, err := openPair(ctx, w, p)
	if err != nil {
		return err
	}
	st, err := c.observe(ctx, n, p)
	if err != nil {
		return err
	}
	pl, err := c.plan(n, st, p)
	if err != nil {
		return err
	}
	if err := c.check(ctx, w, st, pl); errors.Is(err, errAlreadyMirrored) {
		ctx.WriteWarning("%s is already mirrored from %s to %s (%s); nothing was changed.", p.Database, n.pName, n.mName, st.pDB.MirrorState)
		rep.note(n.pName, p.Database, "already mirrored")
		return nil
	} else if err != nil {
		return err
	}
	access, err := c.accessSteps(ctx, n, st)
	if err != nil {
		return err
	}
	pl.steps = append(pl.steps, access...)
	warnAll(ctx, pl.warnings)
	undo := &undoLog{}
	if err := c.configure(ctx, w, n, p, pl, rep, undo); err != nil {
		return rollBack(ctx, undo, rep, err)
	}
	return nil
}

// configure runs the plan: seed, endpoints and access, the partners, the
// witness, and the wait for SYNCHRONIZED; u records what a rollback must
// take back. A step answered No is skipped and the next one offered; the
// result is then not waited for nor verified, and no outcome is written.
func (c *installMirror) configure(ctx *cmdlet.Context, w *World, n installNodes, p *pair, pl installPlan, rep *report, u *undoLog) error {
	seeded, err := runUndoable(ctx, pl.steps, rep, u)
	if err != nil {
		return err
	}
	if err := mirrorRestoring(ctx, n, p.Database, seeded); err != nil {
		return err
	}
	partnered, err := runUndoable(ctx, pl.partners, rep, u)
	if err != nil {
		return err
	}
	witnessed, err := c.addWitness(ctx, w, n, p, pl, partnered, rep)
	if err != nil {
		return err
	}
	switch overall(seeded, partnered, witnessed) {
	case cmdlet.WhatIfShown:
		return nil
	case cmdlet.Declined:
		ctx.WriteVerbose("A change to mirror %s was answered No, so the session is not waited for.", p.Database)
		return nil
	}
	return c.finish(ctx, w, n, p, pl)
}

// mirrorRestoring checks, before SET PARTNER, that the mirror's copy is
// RESTORING, as mirroring needs ("The mirror database must be in the
// RESTORING state"): a copy recovered since its restore (RESTORE … WITH
// RECOVERY, or by hand) makes SET PARTNER fail with 1416. When -WhatIf
// only showed the seeding (seeded), nothing was restored, so there is
// nothing to check; after a seeding step answered No the copy is checked
// as it is.
func mirrorRestoring(ctx *cmdlet.Context, n installNodes, db string, seeded cmdlet.Decision) error {
	if seeded == cmdlet.WhatIfShown || n.mirror == nil {
		return nil
	}
	d, err := readDatabase(ctx, n.mirror, db)
	switch {
	case err != nil:
		return sqlFailed(ctx, err, n.mName, "")
	case d.State == "RESTORING":
		return nil
	}
	return notRestoring(n.mName, db, orText(d.State, "missing"))
}

// addWitness sets the witness once the partners are SYNCHRONIZED: SQL
// Server refuses SET WITNESS (1426) until the mirror has caught up. It
// waits only when SET PARTNER was made (partnered is Proceed): not when
// -WhatIf showed it, nor after it was answered No.
func (c *installMirror) addWitness(ctx *cmdlet.Context, w *World, n installNodes, p *pair, pl installPlan, partnered cmdlet.Decision, rep *report) (cmdlet.Decision, error) {
	if pl.witness == nil {
		return cmdlet.Proceed, nil
	}
	if partnered == cmdlet.Proceed {
		st, ok, err := waitFor(ctx, w, n.principal, p.Database, c.Timeout, synchronized)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, errorf(categoryTimeout, "NotSynchronized", n.pName,
				"The mirroring session of %s did not become SYNCHRONIZED within %s (it is %s), so the witness was not set.",
				p.Database, c.Timeout, orText(st.MirrorState, "not mirrored"))
		}
	}
	return runSteps(ctx, []step{*pl.witness}, rep)
}

// openPair connects to the principal, the mirror and the witness.
func openPair(ctx *cmdlet.Context, w *World, p *pair) (installNodes, error) {
	n := installNodes{pName: instanceName(p.Principal), mName: instanceName(p.Mirror)}
	var err error
	if n.principal, err = connectOrAssume(ctx, w, n.pName, "the database is ONLINE in FULL recovery and not mirrored"); err != nil {
		return n, err
	}
	if n.mirror, err = connectOrAssume(ctx, w, n.mName, "it has neither the database nor a mirroring endpoint"); err != nil {
		return n, err
	}
	if p.Witness == nil {
		return n, nil
	}
	n.wName = instanceName(p.Witness)
	n.witness, err = connectOrAssume(ctx, w, n.wName, "it has no mirroring endpoint")
	return n, err
}

// observe reads what the checks and the plan need; instances that were
// not reached keep the assumed state.
func (c *installMirror) observe(ctx *cmdlet.Context, n installNodes, p *pair) (installState, error) {
	st := installState{pDB: dbState{Name: p.Database, Exists: true, State: "ONLINE", Recovery: "FULL", Assumed: true}}
	var err error
	if n.principal != nil {
		if st.pServer, st.pDB, st.pEP, err = readNode(ctx, n.principal, p.Database); err != nil {
			return st, err
		}
		if st.pDB.Exists {
			chain, logs, err := readLogChain(ctx, n.principal, p.Database)
			if err != nil {
				return st, err
			}
			st.pDB.NoLogChain, st.pDB.NoLogBackups = !chain, !logs
		}
		if c.DatabasePathMap != nil {
			st.files, err = readFiles(ctx, n.principal, p.Database)
		}
	}
	if err == nil && n.mirror != nil {
		st.mServer, st.mDB, st.mEP, err = readNode(ctx, n.mirror, p.Database)
	}
	if err == nil && n.witness != nil {
		if st.wServer, err = readServer(ctx, n.witness); err == nil {
			st.wEP, err = readEndpoint(ctx, n.witness)
		}
	}
	return st, err
}

// readNode reads an instance's version, the database and the endpoint.
func readNode(ctx *cmdlet.Context, s SQL, db string) (serverInfo, dbState, endpointState, error) {
	srv, err := readServer(ctx, s)
	if err != nil {
		return srv, dbState{}, endpointState{}, err
	}
	d, err := readDatabase(ctx, s, db)
	if err != nil {
		return srv, d, endpointState{}, err
	}
	ep, err := readEndpoint(ctx, s)
	return srv, d, ep, err
}

// finish waits for SYNCHRONIZED (and the witness) and writes the result.
func (c *installMirror) finish(ctx *cmdlet.Context, w *World, n installNodes, p *pair, pl installPlan) error {
	ready := func(st dbState) bool { return synchronized(st) && (p.Witness == nil || st.WitnessState == "CONNECTED") }
	st, ok, err := waitFor(ctx, w, n.principal, p.Database, c.Timeout, ready)
	if err != nil {
		return err
	}
	if !ok {
		return errorf(categoryTimeout, "NotSynchronized", n.pName,
			"The mirroring session of %s did not become SYNCHRONIZED with its witness connected within %s: it is %s, witness %s.",
			p.Database, c.Timeout, orText(st.MirrorState, "not mirrored"), orText(st.WitnessState, "none")).
			WithHint("Get-PcMirroringStatus %s -Database %s shows the session; 1418 in the SQL Server log means an endpoint cannot be reached", n.pName, p.Database)
	}
	ctx.WriteObject(&CsMirrorDatabase{DatabaseName: p.Database, Principal: n.pName, Mirror: n.mName, Witness: n.wName,
		MirroringState: st.MirrorState, Safety: st.Safety, WitnessState: st.WitnessState,
		PartnerAddress: pl.mirrorAddress, WitnessAddress: pl.witnessAddress})
	return nil
}

// CsMirrorDatabase is the outcome of Install-CsMirrorDatabase for one
// database.
type CsMirrorDatabase struct {
	DatabaseName   string
	Principal      string
	Mirror         string
	Witness        string
	MirroringState string
	Safety         string
	WitnessState   string
	PartnerAddress string // the mirror's TCP:// address
	WitnessAddress string
}
