package engine

import (
	"context"
	"slices"
)

// undoEntry restores one change: the row or table as it was before.
type undoEntry struct {
	db       *database
	kind     opKind
	table    string
	id       int64
	before   Row    // row before an update or delete; nil for an insert
	tblAfter bool   // create table: drop it on undo
	dropped  *table // drop table: the table to put back
	ident    int64  // identity counter before an insert
	idUsed   bool
}

// dbOp is a logged change with the database it belongs to.
type dbOp struct {
	db *database
	op op
}

// txn is a transaction: the redo ops it will log at commit and the undo
// entries that roll it back. It holds the writer of every database it
// changed until it ends.
type txn struct {
	dbs  []*database
	ops  []dbOp
	undo []undoEntry

	markName, markDesc string // BEGIN TRAN name WITH MARK (marks.go)
}

// mark is a statement boundary inside a transaction.
type mark struct{ ops, undo int }

func (t *txn) mark() mark { return mark{len(t.ops), len(t.undo)} }

// lock admits t as db's writer, waiting for the current writer to end.
func (t *txn) lock(ctx context.Context, db *database) error {
	if slices.Contains(t.dbs, db) {
		return nil
	}
	select {
	case db.writer <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	db.mu.Lock()
	if db.gone {
		db.mu.Unlock()
		<-db.writer
		return Raise(911, db.info.Name)
	}
	db.active = t
	db.mu.Unlock()
	t.dbs = append(t.dbs, db)
	return nil
}

// record notes a change made under db.mu.
func (t *txn) record(db *database, o op, u undoEntry) {
	u.db = db
	t.ops = append(t.ops, dbOp{db, o})
	t.undo = append(t.undo, u)
}

// rollbackTo undoes the changes after m, newest first.
func (t *txn) rollbackTo(m mark) {
	for i := len(t.undo) - 1; i >= m.undo; i-- {
		u := t.undo[i]
		u.db.mu.Lock()
		u.db.revert(u)
		u.db.mu.Unlock()
	}
	t.undo = t.undo[:m.undo]
	t.ops = t.ops[:m.ops]
}

// release gives up the writers t holds.
func (t *txn) release() {
	for _, db := range t.dbs {
		db.mu.Lock()
		db.active = nil
		db.mu.Unlock()
		<-db.writer
	}
	t.dbs = nil
}

// opsFor returns t's ops on db, in order.
func (t *txn) opsFor(db *database) []op {
	var out []op
	for _, o := range t.ops {
		if o.db == db {
			out = append(out, o.op)
		}
	}
	return out
}

// revert applies one undo entry; the caller holds db.mu.
func (db *database) revert(u undoEntry) {
	switch u.kind {
	case opCreateTable:
		delete(db.tables, u.table)
		return
	case opDropTable:
		db.tables[u.table] = u.dropped
		return
	}
	t := db.tables[u.table]
	if t == nil {
		return
	}
	switch {
	case u.kind == opInsert:
		t.remove(u.id)
		t.identity, t.idUsed = u.ident, u.idUsed
	case u.before != nil:
		_ = t.put(u.id, u.before, t.rows[u.id])
	}
}

// committedImage returns db with the active transaction's changes undone:
// the state a checkpoint or a backup must capture. The caller holds
// db.mu; when no transaction is active db itself is returned.
func (db *database) committedImage() *database {
	if db.active == nil {
		return db
	}
	img := &database{info: db.info, lsn: db.lsn, chain: db.chain, log: db.log, tables: map[string]*table{}}
	for k, t := range db.tables {
		img.tables[k] = t.clone()
	}
	undo := db.active.undo
	for i := len(undo) - 1; i >= 0; i-- {
		if undo[i].db == db {
			img.revert(undo[i])
		}
	}
	return img
}
