package engine

// commit makes t durable: it appends t's changes to each database's log,
// queues one WAL record, releases t's writers and waits for the group
// commit's fsync. Commit returning nil means the change survives a crash.
func (i *Instance) commit(t *txn) error {
	if len(t.ops) == 0 {
		t.release()
		return nil
	}
	i.commitMu.RLock()
	rec := &walRecord{kind: walTxn}
	now := i.now()
	var hardens []harden
	var marks []committedMark
	for _, db := range t.dbs {
		if ops := t.markOps(t.opsFor(db)); len(ops) > 0 {
			db.mu.Lock()
			lr := db.appendLog(ops, now)
			if t.markName != "" {
				marks = append(marks, committedMark{db: db.info.Name, lsn: lr.End, time: now})
			}
			db.active = nil
			if db.shipper != nil {
				db.shipLocked([]logRecord{lr})
				hardens = append(hardens, harden{db.shipper, lr.End})
			}
			db.mu.Unlock()
			rec.parts = append(rec.parts, walPart{dbID: db.info.ID, rec: lr})
		}
	}
	wait := i.enqueue(rec)
	i.commitMu.RUnlock()
	t.release()
	err := wait()
	i.afterCommit()
	if err != nil {
		return err
	}
	for _, h := range hardens {
		if herr := h.shipper.Harden(h.end); herr != nil && err == nil {
			err = herr
		}
	}
	if err == nil {
		i.recordMarks(t, marks)
	}
	return err
}

// harden is a mirrored database's part of a commit: the mirror must
// harden the log through end before COMMIT returns (SAFETY FULL).
type harden struct {
	shipper LogShipper
	end     LSN
}

// logMeta durably records db's catalog row, end of log and chain state;
// trunc also truncates the log as far as the chain allows.
func (i *Instance) logMeta(db *database, trunc bool) error {
	i.commitMu.RLock()
	db.mu.RLock()
	rec := &walRecord{kind: walDBMeta, info: db.info, lsn: db.lsn, chain: db.chain, trunc: trunc}
	db.mu.RUnlock()
	wait := i.enqueue(rec)
	i.commitMu.RUnlock()
	return wait()
}

// enqueue queues rec in the WAL; the caller holds commitMu shared, so a
// checkpoint sees either all of the change or none of it.
func (i *Instance) enqueue(rec *walRecord) func() error {
	_, wait := i.wal.append(func(seq uint64) []byte { rec.seq = seq; return encodeWAL(rec) })
	return wait
}
