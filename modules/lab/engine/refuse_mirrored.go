package engine

import (
	"pcsh/modules/lab/backupmedia"
	"sort"
	"strings"
)

// Refusals of BACKUP, RESTORE and DROP DATABASE by the state of the
// database they name: a database in a database mirroring session (on the
// principal or the mirror), a database in STANDBY, and RESTORE options
// naming what the backup set does not hold. Sources:
//   - "Database Mirroring and Backup and Restore" / "Piecemeal restores"
//     (Restrictions on Backup and Restore During Mirroring): "Backup and
//     restore of the mirror database are not allowed. Backup of the
//     principal database is allowed, but BACKUP LOG WITH NORECOVERY is not
//     allowed. Restoring the principal database is not allowed.";
//   - Database engine events and errors 3000-3999 for 3036, 3104, 3234 and
//     3743, and 1000-1999 for 1468. The 3104 text is the one SQL Server
//     2012 and later send (Microsoft support, "Troubleshoot availability
//     databases in Recovery Pending or Suspect state": Msg 3104, Level 16,
//     State 1, then Msg 3013); the errors table still shows the older text
//     without availability groups. 3234 is sent with state 2 (a
//     captured Msg 3234, Level 16, State 2 of a RESTORE … WITH MOVE).
func init() {
	RegisterMessages("engine-refuse", func() map[int32]Message {
		return map[int32]Message{
			3036: {16, 1, "The database \"%ls\" is in warm-standby state (set by executing RESTORE WITH STANDBY) and cannot be backed up until the entire restore sequence is completed."},
			3104: {16, 1, "RESTORE cannot operate on database '%ls' because it is configured for database mirroring or has joined an availability group. If you intend to restore the database, use ALTER DATABASE to remove mirroring or to remove the database from its availability group."},
			3234: {16, 2, "Logical file '%.*ls' is not part of database '%ls'. Use RESTORE FILELISTONLY to list the logical file names."},
			3743: {16, 1, "The database '%.*ls' is enabled for database mirroring. Database mirroring must be removed before you drop the database."},
		}
	})
}

// mirroredInfo returns the catalog row of database name when it takes part
// in a mirroring session (either role, any mirroring state).
func (i *Instance) mirroredInfo(name string) (DatabaseInfo, bool) {
	db, err := i.lookup(name)
	if err != nil {
		return DatabaseInfo{}, false
	}
	info := db.Info()
	return info, inSession(info)
}

// inSession reports whether a database takes part in a mirroring session.
// A mirror armed by SET PARTNER whose principal has not established the
// session yet (no mirroring GUID) is not in one: the 1478 remedy restores
// more log backups onto it before the principal's SET PARTNER is retried.
func inSession(info DatabaseInfo) bool {
	return info.Mirroring != nil && info.Mirroring.GUID != [16]byte{}
}

// refuseRestoreMirrored is 3104 for RESTORE DATABASE, RESTORE LOG and
// RESTORE … WITH RECOVERY of a database in a mirroring session, on the
// principal and on the mirror alike.
func (i *Instance) refuseRestoreMirrored(name string) error {
	if info, ok := i.mirroredInfo(name); ok {
		return Raise(3104, info.Name)
	}
	return nil
}

// refuseDropMirrored is 3743 for DROP DATABASE of a database in a
// mirroring session.
func (i *Instance) refuseDropMirrored(info DatabaseInfo) error {
	if inSession(info) {
		return Raise(3743, info.Name)
	}
	return nil
}

// refuseBackupState applies BACKUP's refusals by the database's state that
// accessError does not cover: a database in STANDBY (3036). The mirror
// database is refused by accessError (954), a RESTORING one with 927.
func refuseBackupState(info DatabaseInfo) error {
	if info.IsInStandby {
		return Raise(3036, info.Name)
	}
	return nil
}

// RefuseMirroredAlter is 1468 for an ALTER DATABASE change SQL Server does
// not allow on a database in a mirroring session (principal or mirror):
// renaming it ("A mirrored database cannot be renamed during a database
// mirroring session", Prerequisites, Restrictions, and Recommendations for
// Database Mirroring), and the states mirroring cannot run in, which
// SET PARTNER refuses to start on (OFFLINE and EMERGENCY, 1464 and 1467;
// READ_ONLY, 1466). The executor follows it with 5069.
func (i *Instance) RefuseMirroredAlter(name string) error {
	if info, ok := i.mirroredInfo(name); ok {
		return Raise(1468, info.Name)
	}
	return nil
}

// refuseTailOfPrincipal is BACKUP LOG WITH NORECOVERY of a principal
// database: the documentation forbids it while mirroring is active but
// names no error, so the lab raises the generic mirroring refusal, 1468
// ("The operation cannot be performed on database … because it is involved
// in a database mirroring session.").
func (i *Instance) refuseTailOfPrincipal(name string, opts BackupOptions) error {
	if !opts.NoRecovery {
		return nil
	}
	if info, ok := i.mirroredInfo(name); ok && info.Mirroring.Role == MirrorRolePrincipal {
		return Raise(1468, info.Name)
	}
	return nil
}

// checkMoves is 3234 for a WITH MOVE naming a logical file the backup set
// does not hold; target is the database RESTORE writes.
func checkMoves(h *backupmedia.BackupHeader, target string, move map[string]string) error {
	names := make([]string, 0, len(move))
	for logical := range move {
		names = append(names, logical)
	}
	sort.Strings(names)
	for _, logical := range names {
		found := false
		for _, f := range h.Files {
			found = found || strings.EqualFold(f.LogicalName, logical)
		}
		if !found {
			return Raise(3234, logical, target)
		}
	}
	return nil
}
