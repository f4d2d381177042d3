package engine

import "strings"

// Refusals on the system databases. Sources: the "master Database",
// "model Database", "msdb Database" and "tempdb Database" pages
// (Restrictions: "Dropping the database", "Renaming the database or
// primary filegroup", "Setting the database to OFFLINE", "Setting the
// database or primary filegroup to READ_ONLY" for master and tempdb; and
// their Database Options tables: the availability options ONLINE,
// MULTI_USER, READ_WRITE cannot be modified in master and tempdb, ONLINE
// cannot in model and msdb, RECOVERY cannot in tempdb); the messages from
// Database engine events and errors 3000-3999 (3708 "Cannot %S_MSG the
// %S_MSG '%.*ls' because it is a system %S_MSG.", 3108) and 5000-5999
// (5016 "Cannot change the name of the system database %.*ls.", 5058
// "Option '%.*ls' cannot be set in database '%.*ls'."). The states are not
// documented; the lab sends 1.
func init() {
	RegisterMessages("engine-system", func() map[int32]Message {
		return map[int32]Message{
			3108: {16, 1, "To restore the master database, the server must be running in single-user mode. For information on starting in single-user mode, see \"How to: Start an Instance of SQL Server (sqlservr.exe)\" in Books Online."},
			3708: {16, 1, "Cannot %s the %s '%s' because it is a system %s."},
			5016: {16, 1, "Cannot change the name of the system database %s."},
			5058: {16, 1, "Option '%s' cannot be set in database '%s'."},
		}
	})
}

// fixedSystemOptions are the ALTER DATABASE … SET options each system
// database refuses.
var fixedSystemOptions = map[string][]string{
	"master": {"OFFLINE", "EMERGENCY", "SINGLE_USER", "RESTRICTED_USER", "READ_ONLY"},
	"tempdb": {"OFFLINE", "EMERGENCY", "SINGLE_USER", "RESTRICTED_USER", "READ_ONLY", "RECOVERY"},
	"model":  {"OFFLINE", "EMERGENCY"},
	"msdb":   {"OFFLINE", "EMERGENCY"},
}

// RefuseSystemOption is 5058 for an ALTER DATABASE … SET option (its
// keyword, upper case) that database name, a system database, does not
// let change.
func RefuseSystemOption(name, option string) error {
	for _, o := range fixedSystemOptions[strings.ToLower(name)] {
		if o == option {
			return Raise(5058, option, strings.ToLower(name))
		}
	}
	return nil
}

// refuseDropSystem is 3708 for DROP DATABASE of a system database.
func refuseDropSystem(name string) error {
	if isSystemDatabase(name) {
		return Raise(3708, "drop", "database", strings.ToLower(name), "database")
	}
	return nil
}

// RenameDatabase is ALTER DATABASE … MODIFY NAME: a system database keeps
// its name (5016), and the new name must be free (1801).
func (i *Instance) RenameDatabase(name, newName string) error {
	if isSystemDatabase(name) {
		return Raise(5016, strings.ToLower(name))
	}
	if other, err := i.lookup(newName); err == nil && !strings.EqualFold(other.Info().Name, name) {
		return Raise(1801, newName)
	}
	return i.AlterDatabase(name, func(in *DatabaseInfo) error { in.Name = newName; return nil })
}

// refuseRestoreSystem is 3108 for RESTORE DATABASE master: SQL Server
// restores master only when started in single-user mode ("Restore the
// master Database (Transact-SQL)"), which a lab instance never is; and
// 3147 for any RESTORE of tempdb ("tempdb Database", Restrictions:
// "Backing up or restoring the database"), as BACKUP raises it.
func refuseRestoreSystem(name string) error {
	if strings.EqualFold(name, "master") {
		return Raise(3108)
	}
	return refuseRestoreTempdb(name)
}

// refuseRestoreTempdb is 3147 for RESTORE DATABASE or LOG of tempdb.
func refuseRestoreTempdb(name string) error {
	if strings.EqualFold(name, "tempdb") {
		return Raise(3147)
	}
	return nil
}
