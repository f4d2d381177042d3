package engine

import (
	"fmt"
	"sync"
)

// Message is one row of the lab's message catalog: the severity, the state
// SQL Server reports for the lab's cause of the message, and the text as
// sys.messages holds it, with its printf-style inserts (%.*ls, %d, %I64d,
// %S_MSG; the Go verbs %s and %d format the same way).
type Message struct {
	Severity uint8
	State    uint8
	Text     string
}

// catalog is the lab's one message catalog, keyed by number: the engine's
// own messages and those the executor, SQL Server Agent, mirroring and
// log shipping register from their init functions. The maps are built on
// the first Raise, not at start-up: a pcsh that never serves a lab
// instance never builds them.
var catalog struct {
	sync.Mutex
	pending  []ownedMessages // registered, not yet merged
	messages map[int32]Message
	owner    map[int32]string
}

// ownedMessages is one package's registration.
type ownedMessages struct {
	owner string
	load  func() map[int32]Message
}

func init() { RegisterMessages("engine", errorCatalog) }

// RegisterMessages adds owner's messages to the catalog; call it from an
// init function. load is called once, on the first Raise. A number
// registered twice panics there: every message has one definition, shared
// by every package that raises it.
func RegisterMessages(owner string, load func() map[int32]Message) {
	catalog.Lock()
	defer catalog.Unlock()
	catalog.pending = append(catalog.pending, ownedMessages{owner, load})
	if catalog.messages != nil {
		mergeMessages()
	}
}

// lookupMessage returns number's catalog row, merging what was
// registered since the last lookup.
func lookupMessage(number int32) (Message, bool) {
	catalog.Lock()
	defer catalog.Unlock()
	if catalog.messages == nil || len(catalog.pending) > 0 {
		mergeMessages()
	}
	m, ok := catalog.messages[number]
	return m, ok
}

// mergeMessages moves the pending registrations into the maps; the
// caller holds the lock. A registration that defines a number already
// defined panics and adds none of its messages.
func mergeMessages() {
	if catalog.messages == nil {
		catalog.messages, catalog.owner = map[int32]Message{}, map[int32]string{}
	}
	for len(catalog.pending) > 0 {
		r := catalog.pending[0]
		catalog.pending = catalog.pending[1:]
		msgs := r.load()
		for n := range msgs {
			if prev, ok := catalog.owner[n]; ok {
				panic(fmt.Sprintf("engine: message %d registered by both %s and %s", n, prev, r.owner))
			}
		}
		for n, m := range msgs {
			catalog.messages[n], catalog.owner[n] = m, r.owner
		}
	}
}

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// includes/database-engine-events-and-errors-<range>.md ("ee-<range>" below),
// the per-error pages mssqlserver-<n>-database-engine-error.md ("page"), and
// /work/shared/reference/anchors-sql-hadr.md §2.5 ("anchors"). States are
// the ones SQL Server reports to clients where the docs show them (the 3013
// and 3201 examples show state 1); otherwise 1.
func errorCatalog() map[int32]Message {
	return map[int32]Message{
		// ee-0-999
		201: {16, 4, "Procedure or function '%.*ls' expects parameter '%.*ls', which was not supplied."},
		207: {16, 1, "Invalid column name '%.*ls'."},
		208: {16, 1, "Invalid object name '%.*ls'."},
		241: {16, 1, "Conversion failed when converting date and/or time from character string."},
		245: {16, 1, "Conversion failed when converting the %ls value '%.*ls' to data type %ls."},
		257: {16, 3, "Implicit conversion from data type %ls to %ls is not allowed. Use the CONVERT function to run this query."},
		266: {16, 2, "Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = %ld, current count = %ld."},
		515: {16, 2, "Cannot insert the value NULL into column '%.*ls', table '%.*ls'; column does not allow nulls. %ls fails."},
		544: {16, 1, "Cannot insert explicit value for identity column in table '%.*ls' when IDENTITY_INSERT is set to OFF."},
		911: {16, 1, "Database '%.*ls' does not exist. Make sure that the name is entered correctly."},
		922: {14, 1, "Database '%.*ls' is being recovered. Waiting until recovery is finished."},
		923: {14, 1, "Database '%.*ls' is in restricted mode. Only the database owner and members of the dbcreator and sysadmin roles can access it."},
		924: {14, 1, "Database '%.*ls' is already open and can only have one user at a time."},
		926: {14, 1, "Database '%.*ls' cannot be opened. It has been marked SUSPECT by recovery. See the SQL Server errorlog for more information."},
		927: {14, 1, "Database '%.*ls' cannot be opened. It is in the middle of a restore."},
		942: {14, 4, "Database '%.*ls' cannot be opened because it is offline."},
		945: {16, 2, "Database '%.*ls' cannot be opened due to inaccessible files or insufficient memory or disk space. See the SQL Server errorlog for details."},
		952: {16, 1, "Database '%.*ls' is in transition. Try the statement later."},
		954: {14, 1, "The database \"%.*ls\" cannot be opened. It is acting as a mirror database."},
		// ee-1000-1999 (database mirroring 1404-1479); 1418 also anchors
		// §2.5 and page mssqlserver-1418
		1404: {16, 1, "The command failed because the database mirror is busy. Reissue the command later."},
		1405: {16, 1, "The database \"%.*ls\" is already enabled for database mirroring."},
		1407: {16, 1, "The remote copy of database \"%.*ls\" is not related to the local copy of the database."},
		1412: {16, 1, "The remote copy of database \"%.*ls\" has not been rolled forward to a point in time that is encompassed in the local copy of the database log."},
		1416: {16, 1, "Database \"%.*ls\" is not configured for database mirroring."},
		1418: {16, 1, "The server network address \"%.*ls\" can not be reached or does not exist. Check the network address name and that the ports for the local and remote endpoints are operational."},
		1419: {16, 1, "The remote copy of database \"%.*ls\" cannot be opened. Check the database name and ensure that it is in the restoring state, and then reissue the command."},
		1422: {16, 1, "The mirror server instance is not caught up to the recent changes to database \"%.*ls\". Unable to fail over."},
		1426: {16, 1, "To issue ALTER DATABASE SET WITNESS, all three server instances must be interconnected, and the mirror database must be caught up. When these conditions are met, reissue the command."},
		1427: {16, 1, "The server instance '%.*ls' could not act as the witness. The ALTER DATABASE SET WITNESS command failed."},
		1429: {16, 1, "The witness server instance name must be distinct from both of the server instances that manage the database. The ALTER DATABASE SET WITNESS command failed."},
		1431: {16, 1, "Neither the partner nor the witness server instance for database \"%.*ls\" is available. Reissue the command when at least one of the instances becomes available."},
		1439: {16, 1, "There is currently no witness associated with database \"%.*ls\"."},
		1443: {10, 1, "Database mirroring has been terminated for database '%.*ls'. This is an informational message only. No user action is required."},
		1447: {16, 1, "ALTER DATABASE \"%.*ls\" command cannot be executed until both partner server instances are up, running, and connected. Start the partner and reissue the command."},
		1448: {16, 1, "The remote copy of database \"%.*ls\" does not exist. Check the database name and reissue the command."},
		1449: {16, 1, "ALTER DATABASE command failed due to an invalid server connection string."},
		1452: {16, 1, "The partner server instance name must be distinct from the server instance that manages the database. The ALTER DATABASE SET PARTNER command failed."},
		1455: {16, 1, "The database mirroring service cannot be forced for database \"%.*ls\" because the database is not in the correct state to become the principal database."},
		1456: {16, 1, "The ALTER DATABASE command could not be sent to the remote server instance '%.*ls'. The database mirroring configuration was not changed. Verify that the server is connected, and try again."},
		1460: {16, 1, "The database \"%.*ls\" is already configured for database mirroring on the remote server. Drop database mirroring on the remote server to establish a new partner."},
		1464: {16, 1, "Database mirroring cannot be enabled for the remote copy of database \"%.*ls\" because the database is not in a recovering state. The remote database must be restored using WITH NORECOVERY."},
		1465: {16, 1, "Database mirroring cannot be enabled because the \"%.*ls\" database is not in full recovery mode on both partners."},
		// 1468: the text SQL Server 2012 and later send, with state 2
		// (Msg 1468, Level 16, State 2 then Msg 5069 for ALTER DATABASE …
		// SET RECOVERY, Alibaba Cloud "FAQ about ApsaraDB RDS for SQL
		// Server"; the same text in Microsoft's SharePoint Server 2013
		// article on a mirrored Sync database); the errors table still
		// shows the 2005 text.
		1468: {16, 2, "The operation cannot be performed on database \"%.*ls\" because it is involved in a database mirroring session or an availability group. Some operations are not allowed on a database that is participating in a database mirroring session or in an availability group."},
		1470: {16, 1, "The alter database for this partner config values may only be initiated on the current principal server for database \"%.*ls\"."},
		1476: {16, 1, "Database mirroring timeout value %d exceeds the maximum value 32767."},
		1477: {16, 1, "The database mirroring safety level must be FULL to manually failover database \"%.*ls\". Set safety level to FULL and retry."},
		1478: {16, 1, "The mirror database, \"%.*ls\", has insufficient transaction log data to preserve the log backup chain of the principal database. This may happen if a log backup from the principal database has not been taken or has not been restored on the mirror database."},
		1479: {16, 1, "The mirroring connection to \"%.*ls\" has timed out for database \"%.*ls\" after %d seconds without a response. Check the service and network connections."},
		1480: {10, 1, "The mirrored database \"%.*ls\" is changing roles from \"%ls\" to \"%ls\" due to %ls."},
		1801: {16, 3, "Database '%.*ls' already exists. Choose a different database name."},
		1802: {16, 1, "CREATE DATABASE failed. Some file names listed could not be created. Check related errors."},
		// ee-2000-2999. 2627 carries the "duplicate key value" sentence that
		// SQL Server 2008 R2 and later append (sys.messages text).
		2627: {14, 1, "Violation of %ls constraint '%.*ls'. Cannot insert duplicate key in object '%.*ls'. The duplicate key value is %ls."},
		2628: {16, 1, "String or binary data would be truncated in table '%.*ls', column '%.*ls'. Truncated value: '%.*ls'."},
		2714: {16, 6, "There is already an object named '%.*ls' in the database."},
		2812: {16, 62, "Could not find stored procedure '%.*ls'."},
		// ee-3000-3999
		3009: {16, 1, "Could not insert a backup or restore history/detail record in the msdb database. This may indicate a problem with the msdb database. The backup/restore operation was still successful."},
		3013: {16, 1, "%hs is terminating abnormally."},
		3014: {10, 1, "%hs successfully processed %I64d pages in %d.%03d seconds (%d.%03d MB/sec)."},
		3101: {16, 1, "Exclusive access could not be obtained because the database is in use."},
		3102: {16, 1, "%ls cannot process database '%ls' because it is in use by this session. It is recommended that the master database be used when performing this operation."},
		3117: {16, 1, "The log or differential backup cannot be restored because no files are ready to rollforward."},
		3118: {16, 1, "The database \"%ls\" does not exist. RESTORE can only create a database when restoring either a full backup or a file backup of the primary file."},
		3119: {16, 1, "Problems were identified while planning for the RESTORE statement. Previous messages provide details."},
		3135: {16, 2, "The backup set in file '%ls' was created by %hs and cannot be used for this restore operation."},
		3147: {16, 3, "Backup and restore operations are not allowed on database tempdb."},
		3153: {16, 1, "The database is already fully recovered."},
		3154: {16, 4, "The backup set holds a backup of a database other than the existing '%ls' database."},
		3159: {16, 1, "The tail of the log for the database \"%ls\" has not been backed up. Use BACKUP LOG WITH NORECOVERY to backup the log if it contains work you do not want to lose. Use the WITH REPLACE or WITH STOPAT clause of the RESTORE statement to just overwrite the contents of the log."},
		3170: {16, 1, "The STANDBY filename is invalid."},
		3183: {16, 1, "RESTORE detected an error on page (%d:%d) in database \"%ls\" as read from the backup set."},
		3187: {16, 1, "RESTORE WITH CHECKSUM cannot be specified because the backup set does not contain checksum information."},
		3189: {16, 1, "Damage to the backup set was detected."},
		3201: {16, 1, "Cannot open backup device '%ls'. Operating system error %ls."},
		3257: {16, 1, "There is insufficient free space on disk volume '%ls' to create the database. The database requires %I64u additional free bytes, while only %I64u bytes are available."},
		3211: {10, 1, "%d percent processed."},
		3241: {16, 0, "The media family on device '%ls' is incorrectly formed. SQL Server cannot process this media family."},
		3262: {10, 1, "The backup set on file %d is valid."},
		3701: {11, 5, "Cannot %S_MSG the %S_MSG '%.*ls', because it does not exist or you do not have permission."},
		3702: {16, 4, "Cannot drop database \"%.*ls\" because it is currently in use."},
		3902: {16, 1, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION."},
		3903: {16, 1, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION."},
		3906: {16, 1, "Failed to update database \"%.*ls\" because the database is read-only."},
		// ee-4000-4999
		4035: {10, 1, "Processed %I64d pages for database '%ls', file '%ls' on file %d."},
		4038: {16, 1, "Cannot find file ID %d on device '%ls'."},
		4060: {11, 1, "Cannot open database \"%.*ls\" requested by the login. The login failed."},
		4208: {16, 1, "The statement %hs is not allowed while the recovery model is SIMPLE. Use BACKUP DATABASE or change the recovery model using ALTER DATABASE."},
		4212: {16, 1, "Cannot back up the log of the master database. Use BACKUP DATABASE instead."},
		4214: {16, 1, "BACKUP LOG cannot be performed because there is no current database backup."},
		4305: {16, 1, "The log in this backup set begins at LSN %.*ls, which is too recent to apply to the database. An earlier log backup that includes LSN %.*ls can be restored."},
		4326: {16, 1, "The log in this backup set terminates at LSN %.*ls, which is too early to apply to the database. A more recent log backup that includes LSN %.*ls can be restored."},
		// ee-5000-5999
		5069: {16, 1, "ALTER DATABASE statement failed."},
		5123: {16, 1, "CREATE FILE encountered operating system error %ls while attempting to open or create the physical file '%.*ls'."},
		5070: {16, 2, "Database state cannot be changed while other users are using the database '%.*ls'"},
		// ee-6000-6999
		6101: {16, 1, "Process ID %d is not a valid process ID. Choose a number between 1 and %d."},
		6104: {16, 1, "Cannot use KILL to kill your own process."},
		6106: {16, 2, "Process ID %d is not an active process ID."},
		6107: {14, 1, "Only user processes can be killed."},
		// ee-7000-7999: endpoints
		7862: {16, 1, "An endpoint of the requested type already exists. Only one endpoint of this type is supported. Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement."},
		7863: {16, 1, "The endpoint was not changed. The ALTER ENDPOINT statement did not contain any values to modify or update."},
		7890: {16, 1, "An error occurred while attempting to register the endpoint '%.*ls'. One or more of the ports specified in the CREATE ENDPOINT statement may be bound to another process. Attempt the statement again with a different port or use netstat to find the application currently using the port and resolve the conflict."},
		// ee-8000-8999
		8114: {16, 5, "Error converting data type %ls to %ls."},
		8115: {16, 2, "Arithmetic overflow error converting %ls to data type %ls."},
		8144: {16, 2, "Procedure or function %.*ls has too many arguments specified."},
		8152: {16, 14, "String or binary data would be truncated."},
		8169: {16, 2, "Conversion failed when converting from a character string to uniqueidentifier."},
		// ee-15000-15999
		15151: {16, 1, "Cannot %S_MSG the %S_MSG '%.*ls', because it does not exist or you do not have permission."},
		// ee-18000-18999; clients see state 1 and empty reason inserts
		18456: {14, 1, "Login failed for user '%.*ls'.%.*ls%.*ls"},
	}
}
