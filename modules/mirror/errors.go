package mirror

import (
	"errors"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// Short names for the categories the module uses.
const (
	categoryArg       = cmdlet.CategoryInvalidArgument
	categoryOperation = cmdlet.CategoryInvalidOperation
	categoryNotFound  = cmdlet.CategoryObjectNotFound
	categoryConnect   = cmdlet.CategoryConnectionError
	categoryTimeout   = cmdlet.CategoryOperationTimeout
)

// errorf builds an error record; the message is a sentence for the admin.
func errorf(cat cmdlet.Category, id, target, format string, args ...any) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cat, id, target, format, args...)
}

// unreachable is the record for an instance that does not accept
// connections.
func unreachable(name string, err error) *cmdlet.ErrorRecord {
	return errorf(categoryConnect, "InstanceUnreachable", name, "Cannot reach the SQL Server instance %s: %v.", name, err).
		WithHint("check that the instance runs and that its port is open; Test-PcSqlConnection %s shows the details", name)
}

// notMirrored is the record for a database without a mirroring session.
func notMirrored(inst, db string) *cmdlet.ErrorRecord {
	return errorf(categoryOperation, "MirroringNotConfigured", inst,
		"The database %s on %s is not mirrored.", db, inst).WithHint("set up mirroring with Install-CsMirrorDatabase")
}

// notRestoring is the record for a mirror copy that is not RESTORING
// before SET PARTNER: SQL Server would refuse with 1416.
func notRestoring(inst, db, state string) *cmdlet.ErrorRecord {
	return errorf(categoryOperation, "MirrorDatabaseNotRestoring", inst,
		"The database %s on the mirror %s is %s, not RESTORING, so SET PARTNER would fail with error 1416 "+
			"(the database is not configured for database mirroring); nothing was set.", db, inst, state).
		WithHint("%s", hintFor(1416, ""))
}

// wrongRole is the record for a statement sent to the wrong partner.
func wrongRole(inst, db, role, want, partner string) *cmdlet.ErrorRecord {
	return errorf(categoryOperation, "WrongMirroringRole", inst,
		"The database %s on %s is the %s; this operation runs only on the %s.", db, inst, role, want).
		WithHint("run it on the partner, %s", orText(partner, "the other partner"))
}

// needForce is the record for a restriction that -Force lifts: a change
// that loses no committed data itself (data loss needs -AllowDataLoss).
func needForce(target, format string, args ...any) *cmdlet.ErrorRecord {
	r := errorf(categoryOperation, "ForceRequired", target, format, args...)
	return r.WithHint("add -Force to make the change anyway")
}

// sqlFailed turns a failed statement's error into a record (SqlError<N>
// for SQL Server errors) with a hint for the mirroring errors.
func sqlFailed(ctx *cmdlet.Context, err error, target, step string) error {
	var rec *cmdlet.ErrorRecord
	if !errors.As(err, &rec) {
		rec = connection.SQLRecord(err, target, ctx.Session.Secrets)
	}
	if rec.Hint == "" {
		rec.Hint = hintFor(connection.ErrorNumber(err), step)
	}
	return rec
}

// hintFor gives the fix for the mirroring errors an admin meets most.
func hintFor(number int32, step string) string {
	switch number {
	case 1416:
		return "the mirror's copy must stay RESTORING: restore the principal's full and log backups on it WITH NORECOVERY (Install-CsMirrorDatabase -DropExistingDatabasesOnMirror re-seeds it), and run SET PARTNER on the mirror first"
	case 1418:
		return "the partner's endpoint cannot be reached: check Test-PcMirroringEndpoint on both partners, the firewall and that each service account has CONNECT on the other's endpoint"
	case 1412, 1478, 1408:
		return "the mirror copy is behind the principal's log: re-seed it with Install-CsMirrorDatabase -DropExistingDatabasesOnMirror"
	case 1465:
		return "set the database to FULL recovery and take a full backup before mirroring"
	case 1477:
		return "set the safety to FULL (Set-PcMirroringSafety -Safety Full) and wait for SYNCHRONIZED"
	case 1422:
		return "wait until the state is SYNCHRONIZED (Get-PcMirroringStatus) and retry"
	case 3201:
		return "SQL Server's service account needs read and write access to the share"
	}
	if step != "" {
		return "the step was: " + step
	}
	return ""
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
