package mirror

import (
	"errors"
	"strings"

	"pcsh/runtime/cmdlet"
)

// check runs the pre-checks before any change: the principal's database,
// versions and editions, the mirror's database and the share. Instances
// not reached under -WhatIf are not checked.
func (c *installMirror) check(ctx *cmdlet.Context, w *World, st installState, pl installPlan) error {
	if err := checkPrincipalDB(assumeRecovered(ctx, st.pDB), pl.mirrorAddress); err != nil {
		return err
	}
	if err := checkVersions(ctx, st); err != nil {
		return err
	}
	if err := checkMirrorDB(st.mDB, c.DropExistingDatabasesOnMirror, c.AllowDataLoss); err != nil {
		return err
	}
	return c.checkShare(ctx, w)
}

// assumeRecovered lets -WhatIf plan the mirroring of a database that is
// still RESTORING, as a log shipping secondary is before the step of a
// runbook that recovers it (R3): with a warning, it is planned as ONLINE.
// Outside -WhatIf, d is returned as it is.
func assumeRecovered(ctx *cmdlet.Context, d dbState) dbState {
	if ctx.Mode() != cmdlet.Planning || !d.Exists || d.Mirrored || d.State != "RESTORING" {
		return d
	}
	ctx.WriteWarning("The database %s is RESTORING on the principal; -WhatIf shows its mirroring assuming an earlier step recovers it.", d.Name)
	d.State = "ONLINE"
	return d
}

// checkPrincipalDB requires the database ONLINE, in FULL recovery and not
// mirrored elsewhere; mirrored to the expected mirror means done.
func checkPrincipalDB(d dbState, mirrorAddress string) error {
	switch {
	case d.Assumed:
		return nil
	case !d.Exists:
		return errorf(categoryNotFound, "DatabaseNotFound", d.Name, "The database %s does not exist on the principal.", d.Name)
	case d.Mirrored && !strings.EqualFold(d.Partner, mirrorAddress):
		return errorf(categoryOperation, "MirroredElsewhere", d.Name, "The database %s is already mirrored with %s (%s, %s), not with %s.",
			d.Name, d.Partner, d.Role, d.MirrorState, mirrorAddress).WithHint("remove that session first with Uninstall-CsMirrorDatabase")
	case d.Mirrored:
		return sessionDone(d)
	case d.State != "ONLINE":
		return errorf(categoryOperation, "DatabaseNotOnline", d.Name, "The database %s is %s on the principal, not ONLINE.", d.Name, d.State)
	case d.Recovery != "FULL":
		return errorf(categoryOperation, "RecoveryModelNotFull", d.Name,
			"The database %s uses the %s recovery model; mirroring needs FULL.", d.Name, d.Recovery).
			WithHint("ALTER DATABASE %s SET RECOVERY FULL, then run Install-CsMirrorDatabase again", d.Name)
	}
	return nil
}

// sessionDone judges a session with the expected partner by its real
// state: the principal's role, SYNCHRONIZED or SYNCHRONIZING, is done
// (errAlreadyMirrored); reversed roles (the pair failed over) or a
// DISCONNECTED, SUSPENDED or PENDING_FAILOVER session is reported as it
// is, never as done.
func sessionDone(d dbState) error {
	switch {
	case d.Role != "PRINCIPAL":
		return errorf(categoryOperation, "MirrorRolesReversed", d.Name,
			"The database %s is mirrored with %s, but here it is the %s (%s): the pair has failed over.",
			d.Name, d.Partner, d.Role, d.MirrorState).
			WithHint("run Install-CsMirrorDatabase on the current principal, or fail back with Invoke-CsDatabaseFailover")
	case d.MirrorState == "SYNCHRONIZED" || d.MirrorState == "SYNCHRONIZING":
		return errAlreadyMirrored
	}
	return errorf(categoryOperation, "MirroringSessionNotHealthy", d.Name,
		"The database %s is in a mirroring session with %s, but the session is %s, not SYNCHRONIZED or SYNCHRONIZING.",
		d.Name, d.Partner, d.MirrorState).
		WithHint("resume it with Resume-PcMirroring, or remove the stale session with Uninstall-CsMirrorDatabase and run Install-CsMirrorDatabase again")
}

// checkVersions requires one SQL Server version on all three instances
// and one edition on the partners (R1); a witness may differ in edition.
func checkVersions(ctx *cmdlet.Context, st installState) error {
	p, m, wit := st.pServer, st.mServer, st.wServer
	if p.Version == "" || m.Version == "" {
		ctx.WriteWarning("The SQL Server versions of the partners are unknown under -WhatIf; they are checked when it runs.")
		return nil
	}
	if p.MajorMinor() != m.MajorMinor() || (wit.Version != "" && wit.MajorMinor() != p.MajorMinor()) {
		return errorf(categoryOperation, "VersionMismatch", "",
			"The principal runs SQL Server %s, the mirror %s%s; mirroring needs the same version on all of them.",
			p.Version, m.Version, witnessVersion(wit))
	}
	if p.EditionName() != m.EditionName() {
		return errorf(categoryOperation, "EditionMismatch", "",
			"The principal runs %s and the mirror %s; mirroring needs the same edition on both.", p.Edition, m.Edition)
	}
	return nil
}

func witnessVersion(w serverInfo) string {
	if w.Version == "" {
		return ""
	}
	return " and the witness " + w.Version
}

// checkMirrorDB refuses a database of the same name on the mirror unless
// -DropExistingDatabasesOnMirror; an ONLINE one (a usable database, not a
// leftover mirror copy) is committed data and needs -AllowDataLoss as well.
func checkMirrorDB(d dbState, drop, allowLoss bool) error {
	switch {
	case !d.Exists:
		return nil
	case d.Mirrored:
		return errorf(categoryOperation, "MirrorDatabaseMirrored", d.Name,
			"The database %s on the mirror is in a mirroring session with %s (%s, %s).", d.Name, d.Partner, d.Role, d.MirrorState).
			WithHint("remove that session first with Uninstall-CsMirrorDatabase")
	case !drop:
		return errorf(categoryOperation, "MirrorDatabaseExists", d.Name, "The database %s already exists on the mirror (%s).", d.Name, d.State).
			WithHint("add -DropExistingDatabasesOnMirror to replace it")
	case d.State == "ONLINE":
		return cmdlet.RefuseDataLoss(allowLoss, d.Name, "The database %s on the mirror is ONLINE: dropping it to re-seed the mirror loses its data", d.Name)
	}
	return nil
}

// checkShare makes sure the share takes a new file. Under -WhatIf it is
// not touched (a probe file is a change).
func (c *installMirror) checkShare(ctx *cmdlet.Context, w *World) error {
	if ctx.Mode() == cmdlet.Planning {
		ctx.WriteVerbose("The share %s is not probed under -WhatIf.", c.FileShare)
		return nil
	}
	err := w.ShareWritable(c.FileShare)
	switch {
	case errors.Is(err, errShareUnchecked):
		ctx.WriteVerbose("The share %s cannot be checked from this host; the BACKUP will show whether SQL Server can write there.", c.FileShare)
	case err != nil:
		return errorf(cmdlet.CategoryPermissionDenied, "ShareNotWritable", c.FileShare, "Cannot write to the share %s: %v.", c.FileShare, err).
			WithHint("grant the SQL Server service accounts of both partners read and write access to the share")
	}
	return nil
}
