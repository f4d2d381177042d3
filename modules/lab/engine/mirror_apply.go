package engine

import (
	"context"
	"pcsh/modules/lab/sqldb"
)

// ApplyLog hardens and redoes shipped log blocks on a mirror database,
// which must be RESTORING (database mirroring redo). Records the database
// already has are skipped, so blocks may overlap. The change is durable in
// the instance's WAL when ApplyLog returns. It returns the first LSN the
// database still needs: the hardened point the mirror acknowledges.
func (i *Instance) ApplyLog(ctx context.Context, name string, blocks ...LogBlock) (LSN, error) {
	db, err := i.lookup(name)
	if err != nil {
		return 0, err
	}
	if err := acquire(ctx, db); err != nil {
		return 0, err
	}
	defer func() { <-db.writer }()
	i.commitMu.RLock()
	db.mu.Lock()
	parts, err := db.redoBlocksLocked(blocks)
	next := db.chain.RestoredLSN
	meta := &walRecord{kind: walDBMeta, info: db.info, lsn: db.lsn, chain: db.chain}
	db.mu.Unlock()
	var waitTxn func() error
	if len(parts) > 0 {
		waitTxn = i.enqueue(&walRecord{kind: walTxn, parts: parts})
	}
	waitMeta := i.enqueue(meta)
	i.commitMu.RUnlock()
	if waitTxn != nil {
		if werr := waitTxn(); werr != nil {
			return 0, werr
		}
	}
	if werr := waitMeta(); werr != nil {
		return 0, werr
	}
	i.afterCommit()
	return next, err // a redo error after the records before it hardened
}

// redoBlocksLocked redoes the new records of blocks and moves the redo
// point and chain; the caller holds db.mu and db's writer.
func (db *database) redoBlocksLocked(blocks []LogBlock) ([]walPart, error) {
	if db.info.State != StateRestoring {
		return nil, Raise(1419, db.info.Name)
	}
	var parts []walPart
	for _, b := range blocks {
		recs, err := decodeRecordList(b.Records)
		if err != nil {
			return parts, err
		}
		for _, r := range recs {
			if r.LSN < db.chain.RestoredLSN {
				continue
			}
			if err := db.redo(r); err != nil {
				return parts, err
			}
			db.log = append(db.log, r)
			parts = append(parts, walPart{dbID: db.info.ID, rec: r})
		}
		db.followBlock(b)
	}
	return parts, nil
}

// followBlock moves a mirror's end of log, redo point and chain to the
// principal's position after b.
func (db *database) followBlock(b LogBlock) {
	db.lsn = max(db.lsn, b.End)
	db.chain.RestoredLSN = max(db.chain.RestoredLSN, b.End.Next())
	db.chain.LogBackupLSN = max(db.chain.LogBackupLSN, b.LogBackupLSN)
	db.chain.LastFullLSN = max(db.chain.LastFullLSN, b.LastFullLSN)
	db.chain.LastLogBackupAt = max(db.chain.LastLogBackupAt, b.LastLogBackupAt)
}

// SetMirroringRole stores a database's mirroring row and moves it to
// state, durably: ONLINE when it becomes the principal (its log chain
// continues), RESTORING when it becomes the mirror (sessions using it are
// killed and its redo point is its end of log), RECOVERING while a
// principal has no quorum. nil m ends mirroring.
func (i *Instance) SetMirroringRole(name string, m *Mirroring, state DatabaseState) error {
	db, err := i.lookup(name)
	if err != nil {
		return err
	}
	db.mu.Lock()
	prev := db.info.State
	db.info.Mirroring, db.info.State = m, state
	switch {
	case state == StateRestoring && prev != StateRestoring:
		db.chain.RestoredLSN = db.lsn.Next()
	case state == StateOnline && prev != StateOnline:
		db.info.IsInStandby, db.info.IsReadOnly = false, false
		db.chain.Started = db.info.RecoveryModel != sqldb.RecoverySimple
	}
	name = db.info.Name
	db.mu.Unlock()
	if state != StateOnline {
		for _, s := range i.usersOf(name, nil) {
			s.kill()
		}
	}
	return i.logMeta(db, false)
}

// MirrorImage returns the committed image of database name (tables, log,
// end of log and chain), for re-seeding a mirror whose log diverged.
func (i *Instance) MirrorImage(name string) ([]byte, error) {
	db, err := i.lookup(name)
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	img := db.committedImage()
	var e enc
	e.b = make([]byte, 0, img.approxSize())
	e.database(img)
	return e.b, nil
}

// ReseedMirror replaces database name with an image from MirrorImage and
// leaves it RESTORING as a mirror with mirroring row m; sessions using it
// are killed. The redo point is the image's end of log.
func (i *Instance) ReseedMirror(ctx context.Context, name string, image []byte, m *Mirroring) error {
	d := newDec(image)
	db, err := d.database()
	if err != nil || d.Len() != 0 {
		return errCorrupt
	}
	old, err := i.lookup(name)
	if err != nil {
		return err
	}
	for _, s := range i.usersOf(old.Info().Name, nil) {
		s.kill()
	}
	if err := acquire(ctx, old); err != nil {
		return err
	}
	defer func() { <-old.writer }()
	oi := old.Info()
	db.info.ID, db.info.Name, db.info.Files = oi.ID, oi.Name, oi.Files
	db.info.State, db.info.Mirroring = StateRestoring, m
	db.info.IsInStandby, db.info.IsReadOnly = false, false
	db.chain.Started, db.chain.RestoredLSN = false, db.lsn.Next()
	return i.install(ctx, old, db)
}
