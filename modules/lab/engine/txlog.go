package engine

import (
	"pcsh/modules/lab/sqldb"
	"time"
)

// opKind is the kind of a logged change.
type opKind uint8

// The logged changes.
const (
	opInsert opKind = iota + 1
	opUpdate
	opDelete
	opCreateTable
	opDropTable
	opMark // a marked transaction's mark (BEGIN TRAN name WITH MARK): table holds the name, desc the description
)

// op is one logged change to a database: the redo information for the
// WAL, log backups and RESTORE LOG.
type op struct {
	kind  opKind
	table string // tableKey
	id    int64  // row id
	row   Row    // new row (insert, update)
	ident int64  // identity counter after an insert; used when identSet
	def   *TableDef
	// identSet marks ident as meaningful.
	identSet bool
	desc     string // opMark: the mark's description
}

// logRecord is one committed transaction in a database's log: the LSNs of
// its BEGIN and COMMIT records and the changes between them.
type logRecord struct {
	LSN  LSN
	End  LSN
	Time time.Time
	Ops  []op
}

// encodeOp appends an op.
func (e *enc) op(o op) {
	e.u8(uint8(o.kind))
	e.str(o.table)
	switch o.kind {
	case opInsert, opUpdate:
		e.varint(o.id)
		e.row(o.row)
		e.boolean(o.identSet)
		e.varint(o.ident)
	case opDelete:
		e.varint(o.id)
	case opCreateTable:
		e.tableDef(*o.def)
	case opMark:
		e.str(o.desc)
	}
}

// op reads an op.
func (d *dec) op() op {
	o := op{kind: opKind(d.U8()), table: d.Str()}
	switch o.kind {
	case opInsert, opUpdate:
		o.id = d.Varint()
		o.row = d.row()
		o.identSet = d.boolean()
		o.ident = d.Varint()
	case opDelete:
		o.id = d.Varint()
	case opCreateTable:
		def := d.tableDef()
		o.def = &def
	case opDropTable:
	case opMark:
		o.desc = d.Str()
	default:
		d.Fail()
	}
	return o
}

// logRecord appends a log record.
func (e *enc) logRecord(r logRecord) {
	e.uvarint(uint64(r.LSN))
	e.uvarint(uint64(r.End))
	e.time(r.Time)
	e.uvarint(uint64(len(r.Ops)))
	for _, o := range r.Ops {
		e.op(o)
	}
}

// logRecord reads a log record.
func (d *dec) logRecord() logRecord {
	r := logRecord{LSN: LSN(d.Uvarint()), End: LSN(d.Uvarint()), Time: d.time()}
	n := d.Count(2)
	r.Ops = make([]op, 0, n)
	for range n {
		r.Ops = append(r.Ops, d.op())
	}
	return r
}

// apply redoes one op on db; the caller holds db.mu. Redo of a row change
// on a missing table is corruption.
func (db *database) apply(o op) error {
	switch o.kind {
	case opCreateTable:
		t, err := newTable(*o.def)
		if err != nil {
			return err
		}
		db.tables[o.table] = t
		return nil
	case opDropTable:
		delete(db.tables, o.table)
		return nil
	case opMark:
		return nil
	}
	t := db.tables[o.table]
	if t == nil || (o.kind != opDelete && len(o.row) != len(t.def.Columns)) {
		return errCorrupt
	}
	switch o.kind {
	case opInsert, opUpdate:
		if o.identSet {
			t.identity, t.idUsed = o.ident, true
		}
		return t.put(o.id, o.row, t.rows[o.id])
	case opDelete:
		t.remove(o.id)
	}
	return nil
}

// redo applies a log record's changes and advances the end of log.
func (db *database) redo(r logRecord) error {
	for _, o := range r.Ops {
		if err := db.apply(o); err != nil {
			return err
		}
	}
	if r.End > db.lsn {
		db.lsn = r.End
	}
	return nil
}

// appendLog records a committed transaction and returns its log record.
func (db *database) appendLog(ops []op, now time.Time) logRecord {
	first := db.advance(len(ops) + 2)
	r := logRecord{LSN: first, End: db.lsn, Time: now, Ops: ops}
	db.log = append(db.log, r)
	return r
}

// truncateLog drops log records the log no longer needs: all of them under
// SIMPLE or before a log chain exists, otherwise those already in a log
// backup. A mirrored database keeps its chain's log even before the chain
// starts (a mirror that takes over continues it), and a principal keeps
// what its mirror has not hardened yet.
func (db *database) truncateLog() {
	if db.info.RecoveryModel == sqldb.RecoverySimple || (!db.chain.Started && db.info.Mirroring == nil) {
		db.dropLogBefore(^LSN(0))
		return
	}
	keep := db.chain.LogBackupLSN
	if k, ok := db.mirrorKeepLocked(); ok && k < keep {
		keep = k
	}
	db.dropLogBefore(keep)
}

// dropLogBefore drops the records that end before keep, remembering the
// highest LSN dropped.
func (db *database) dropLogBefore(keep LSN) {
	out := db.log[:0]
	for _, r := range db.log {
		if r.End >= keep {
			out = append(out, r)
		} else {
			db.truncEnd = max(db.truncEnd, r.End)
		}
	}
	clear(db.log[len(out):])
	db.log = out
}

// logReuseWait returns sys.databases.log_reuse_wait_desc.
func (db *database) logReuseWait() string {
	if len(db.log) == 0 {
		return "NOTHING"
	}
	if _, ok := db.mirrorKeepLocked(); ok && db.chain.Started && db.log[0].End < db.chain.LogBackupLSN {
		return "DATABASE_MIRRORING" // backed up, kept for the mirror
	}
	if db.info.RecoveryModel != sqldb.RecoverySimple && db.chain.Started {
		return "LOG_BACKUP"
	}
	return "CHECKPOINT"
}
