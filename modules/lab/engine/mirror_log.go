package engine

import (
	"errors"
	"pcsh/modules/lab/sqldb"
	"time"
)

// ErrLogTruncated is returned by LogSince when log the caller needs was
// already truncated (backed up and dropped) on this database.
var ErrLogTruncated = errors.New("engine: log needed by the mirror was truncated")

// LogBlock is a run of committed log shipped from a principal database to
// its mirror: the records (engine-encoded, opaque to other packages) and
// the principal's end of log and backup chain after them. A block without
// records carries only an end-of-log and chain move (a backup).
type LogBlock struct {
	First   LSN    // LSN of the first record; 0 when the block has none
	End     LSN    // the principal's end of log after the block
	Count   int    // transactions in the block
	Records []byte // encoded records
	// The principal's backup chain, so that a mirror which takes over
	// continues the principal's log backup chain.
	LogBackupLSN    LSN
	LastFullLSN     LSN
	LastLogBackupAt LSN
}

// Size returns the size of the block's log in bytes (send queue
// accounting).
func (b LogBlock) Size() int { return len(b.Records) }

// LogShipper receives the committed log of a mirrored principal database
// (database mirroring). The engine calls Ship with each committed
// transaction, in LSN order, while it holds the database; Ship must not
// block or call back into the engine. After the transaction is durable
// locally the committing session calls Harden, which under SAFETY FULL
// returns once the mirror hardened the log through end; an error from
// Harden is returned by COMMIT (the transaction stays committed locally).
// KeepFrom returns the first LSN the mirror still needs, so log
// truncation keeps it (log_reuse_wait_desc DATABASE_MIRRORING).
type LogShipper interface {
	Ship(b LogBlock)
	Harden(end LSN) error
	KeepFrom() LSN
}

// SetLogShipper attaches (or, with nil, detaches) the log shipper of a
// principal database. It is not persisted: the mirroring module attaches
// it again after a restart.
func (i *Instance) SetLogShipper(name string, s LogShipper) error {
	db, err := i.lookup(name)
	if err != nil {
		return err
	}
	db.mu.Lock()
	db.shipper = s
	db.mu.Unlock()
	return nil
}

// shipLocked hands a block to db's shipper; the caller holds db.mu.
func (db *database) shipLocked(recs []logRecord) {
	if db.shipper != nil {
		db.shipper.Ship(db.blockLocked(recs))
	}
}

// blockLocked builds a block of recs at db's current end of log and chain.
func (db *database) blockLocked(recs []logRecord) LogBlock {
	b := LogBlock{End: db.lsn, Count: len(recs), LogBackupLSN: db.chain.LogBackupLSN,
		LastFullLSN: db.chain.LastFullLSN, LastLogBackupAt: db.chain.LastLogBackupAt}
	if len(recs) > 0 {
		b.First = recs[0].LSN
		b.Records = encodeRecordList(recs)
	}
	return b
}

// encodeRecordList encodes records as a counted list.
func encodeRecordList(recs []logRecord) []byte {
	var e enc
	e.uvarint(uint64(len(recs)))
	for _, r := range recs {
		e.logRecord(r)
	}
	return e.b
}

// decodeRecordList decodes a counted list of records.
func decodeRecordList(b []byte) ([]logRecord, error) {
	if len(b) == 0 {
		return nil, nil
	}
	d := newDec(b)
	n := d.Count(4)
	recs := make([]logRecord, 0, n)
	for range n {
		recs = append(recs, d.logRecord())
	}
	if d.Err() != nil || d.Len() != 0 {
		return nil, errCorrupt
	}
	return recs, nil
}

// LogSince returns the committed log of database name from LSN from on
// (the records whose LSN is at or after from) as one block, with the
// current end of log and chain. It fails with ErrLogTruncated when some of
// that log was already truncated.
func (i *Instance) LogSince(name string, from LSN) (LogBlock, error) {
	db, err := i.lookup(name)
	if err != nil {
		return LogBlock{}, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	if from != 0 && from <= db.truncEnd {
		return LogBlock{}, ErrLogTruncated
	}
	var recs []logRecord
	for _, r := range db.log {
		if r.LSN >= from {
			recs = append(recs, r)
		}
	}
	return db.blockLocked(recs), nil
}

// LogPosition is where a database's log stands, for the mirroring
// preconditions (sys.database_mirroring end of log, the mirror's redo
// point, the backup chain).
type LogPosition struct {
	EndOfLog        LSN // last LSN written
	RedoLSN         LSN // RESTORING: the first LSN the database still needs
	FirstLogLSN     LSN // first LSN still in the log, 0 when the log is empty
	LogBackupLSN    LSN
	LastFullLSN     LSN
	LastLogBackupAt LSN
	ChainStarted    bool
	State           DatabaseState
	RecoveryModel   sqldb.RecoveryModel
	FamilyGUID      [16]byte
	IsReadOnly      bool
	UserAccess      UserAccess
	LastCommit      time.Time // time of the newest record in the log
}

// LogPosition returns where database name's log stands.
func (i *Instance) LogPosition(name string) (LogPosition, error) {
	db, err := i.lookup(name)
	if err != nil {
		return LogPosition{}, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	p := LogPosition{EndOfLog: db.lsn, RedoLSN: db.chain.RestoredLSN, LogBackupLSN: db.chain.LogBackupLSN,
		LastFullLSN: db.chain.LastFullLSN, LastLogBackupAt: db.chain.LastLogBackupAt, ChainStarted: db.chain.Started,
		State: db.info.State, RecoveryModel: db.info.RecoveryModel, FamilyGUID: db.info.FamilyGUID,
		IsReadOnly: db.info.IsReadOnly, UserAccess: db.info.UserAccess}
	if n := len(db.log); n > 0 {
		p.FirstLogLSN, p.LastCommit = db.log[0].LSN, db.log[n-1].Time
	}
	return p, nil
}

// mirrorKeepLocked returns the first LSN the mirror of db still needs and
// true when db is a mirrored principal; 0 means unknown (keep all). The
// caller holds db.mu.
func (db *database) mirrorKeepLocked() (LSN, bool) {
	m := db.info.Mirroring
	if m == nil || m.Role != MirrorRolePrincipal {
		return 0, false
	}
	if db.shipper != nil {
		return db.shipper.KeepFrom(), true
	}
	return m.ReplicationLSN, true
}
