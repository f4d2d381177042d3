package engine

import (
	"pcsh/modules/lab/sqldb"
	"strings"
	"sync"
	"time"
)

// DatabaseState is sys.databases.state.
type DatabaseState uint8

// The database states, numbered as sys.databases.state.
const (
	StateOnline DatabaseState = iota
	StateRestoring
	StateRecovering
	StateRecoveryPending
	StateSuspect
	StateEmergency
	StateOffline
)

// String returns sys.databases.state_desc.
func (s DatabaseState) String() string {
	return [...]string{"ONLINE", "RESTORING", "RECOVERING", "RECOVERY_PENDING", "SUSPECT", "EMERGENCY", "OFFLINE"}[s%7]
}

// UserAccess is sys.databases.user_access.
type UserAccess uint8

// The user access modes, numbered as sys.databases.user_access.
const (
	MultiUser UserAccess = iota
	SingleUser
	RestrictedUser
)

// String returns sys.databases.user_access_desc.
func (u UserAccess) String() string {
	return [...]string{"MULTI_USER", "SINGLE_USER", "RESTRICTED_USER"}[u%3]
}

// DatabaseInfo is the catalog row of a database: what sys.databases shows,
// the files, and the mirroring state a mirroring module fills in.
type DatabaseInfo struct {
	ID                 int32
	Name               string
	CreateDate         time.Time
	RecoveryModel      sqldb.RecoveryModel
	State              DatabaseState
	IsInStandby        bool
	IsReadOnly         bool
	UserAccess         UserAccess
	CompatibilityLevel uint8
	Collation          string
	Files              []sqldb.File
	GUID               [16]byte   // database_guid / BindingID
	FamilyGUID         [16]byte   // family_guid: kept across restores
	Mirroring          *Mirroring // nil when the database is not mirrored
}

// chainState is the backup chain bookkeeping SQL Server keeps in the boot
// page and log: whether a full backup started the log chain, where the log
// not yet backed up begins, and the LSNs restores are checked against.
type chainState struct {
	Started         bool // a full backup (or restore) began the log chain
	LogBackupLSN    LSN  // first LSN not yet in a log backup
	LastFullLSN     LSN  // checkpoint LSN of the last full backup (database_backup_lsn)
	RestoredLSN     LSN  // redo point of a RESTORING/STANDBY database
	LastLogBackupAt LSN  // last_lsn of the latest log backup
}

// database is one database: catalog row, tables, the transaction log
// (records not yet truncated) and its LSN counter.
type database struct {
	mu     sync.RWMutex
	info   DatabaseInfo
	tables map[string]*table
	lsn    LSN // last LSN written
	log    []logRecord
	chain  chainState
	// writer admits one writing transaction at a time; it is held from a
	// transaction's first write until it commits or rolls back.
	writer chan struct{}
	active *txn // the transaction holding writer, if any
	gone   bool // dropped or replaced by a restore
	// shipper receives the committed log of a mirrored principal.
	shipper LogShipper
	// truncEnd is the highest LSN truncated from the log since start-up.
	truncEnd LSN
	// restoredTo is the point in time a RESTORING database was restored
	// to in this process (a data backup's start, a log backup's start, a
	// STOPAT), for the STOPAT checks; zero when unknown.
	restoredTo time.Time
}

// newDatabase builds an empty database.
func newDatabase(info DatabaseInfo) *database {
	return &database{info: info, tables: map[string]*table{}, writer: make(chan struct{}, 1)}
}

// Info returns a copy of the catalog row.
func (db *database) Info() DatabaseInfo {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.info
}

// advance moves the end of log by n records and returns the first of them.
func (db *database) advance(n int) LSN {
	first := db.lsn.Next()
	db.lsn = first
	for range n - 1 {
		db.lsn = db.lsn.Next()
	}
	return first
}

// accessError returns the error SQL Server raises when a session tries to
// use a database in this state, or nil when it is usable.
func (info DatabaseInfo) accessError() error {
	if info.Mirroring != nil && info.Mirroring.Role == MirrorRoleMirror {
		return Raise(954, info.Name)
	}
	switch info.State {
	case StateRestoring:
		return Raise(927, info.Name)
	case StateOffline:
		return Raise(942, info.Name)
	case StateRecovering:
		return Raise(952, info.Name)
	case StateRecoveryPending:
		return Raise(945, info.Name)
	case StateSuspect:
		return Raise(926, info.Name)
	}
	return nil
}

// writeError returns the error for a write to a database that is not
// writable, or nil.
func (info DatabaseInfo) writeError() error {
	if err := info.accessError(); err != nil {
		return err
	}
	if info.IsReadOnly || info.IsInStandby {
		return Raise(3906, info.Name)
	}
	return nil
}

// defaultFiles returns the data and log files of a new database.
func defaultFiles(dir, name string) []sqldb.File {
	return []sqldb.File{
		{FileID: 1, LogicalName: name, PhysicalName: joinPath(dir, name+".mdf"), Type: 'D'},
		{FileID: 2, LogicalName: name + "_log", PhysicalName: joinPath(dir, name+"_log.ldf"), Type: 'L'},
	}
}

// isSystemDatabase reports whether name is master, tempdb, model or msdb.
func isSystemDatabase(name string) bool {
	switch strings.ToLower(name) {
	case "master", "tempdb", "model", "msdb":
		return true
	}
	return false
}
