package engine

import (
	"context"
	"pcsh/modules/lab/backupmedia"
)

// RestoreLog applies a log backup set from path to database name, which
// must be RESTORING or in STANDBY (RESTORE LOG … FROM DISK). The LSN chain
// is checked as SQL Server does: 4305 when the log starts after the
// database's redo point, 4326 when it ends before it, 3117 when the
// database is already recovered. Failures end with 3013.
func (i *Instance) RestoreLog(ctx context.Context, s *Session, name, path string, opts RestoreOptions) error {
	if err := i.refuseRestoreMirrored(name); err != nil {
		return terminating("RESTORE LOG", err)
	}
	if err := refuseRestoreTempdb(name); err != nil {
		return terminating("RESTORE LOG", err)
	}
	return terminating("RESTORE LOG", i.restoreLog(ctx, s, name, path, opts))
}

func (i *Instance) restoreLog(ctx context.Context, s *Session, name, path string, opts RestoreOptions) error {
	start := i.now()
	set, err := i.loadSet(path, opts, backupmedia.BackupTypeLog)
	if err != nil {
		return err
	}
	db, err := i.lookup(name)
	if err != nil {
		return Raise(3118, name)
	}
	if err := i.checkRollForward(s, db, set.header); err != nil {
		return err
	}
	if err := transfer(set, opts); err != nil {
		return err
	}
	recs, err := decodeLogPayload(set)
	if err != nil {
		return err
	}
	if err := acquire(ctx, db); err != nil {
		return err
	}
	defer func() { <-db.writer }()
	roll := i.rollForward
	if opts.stopping() {
		roll = i.rollForwardStop
	}
	if err := roll(db, recs, set.header, opts); err != nil {
		return err
	}
	if err := i.checkpoint(ctx, true); err != nil {
		return err
	}
	info := db.Info()
	i.emitFinish(opts.Messages, "RESTORE LOG", info.Name, logOnly(info.Files, set.header.BackupSize), start)
	return i.recordRestore(ctx, set.header, path, info.Name, "L", opts)
}

// checkRollForward checks that db can take the log backup h.
func (i *Instance) checkRollForward(s *Session, db *database, h *backupmedia.BackupHeader) error {
	db.mu.RLock()
	info, redo := db.info, db.chain.RestoredLSN
	db.mu.RUnlock()
	if s != nil && equalFold(s.Database(), info.Name) {
		return Raise(3102, "RESTORE", info.Name)
	}
	if len(i.usersOf(info.Name, s)) > 0 {
		return Raise(3101)
	}
	if info.State != StateRestoring && !info.IsInStandby {
		return Raise(3117)
	}
	if h.FirstLSN > redo {
		return Raise(4305, h.FirstLSN.String(), redo.String())
	}
	if h.LastLSN <= redo {
		return Raise(4326, h.LastLSN.String(), redo.String())
	}
	return nil
}

// decodeLogPayload decodes the log records of a log backup set.
func decodeLogPayload(set *backupSet) ([]logRecord, error) {
	payload, err := setPayload(set)
	if err != nil {
		return nil, err
	}
	d := newDec(payload)
	n := d.Count(4)
	recs := make([]logRecord, 0, n)
	for range n {
		recs = append(recs, d.logRecord())
	}
	if d.Err() != nil {
		return nil, Raise(3189)
	}
	return recs, nil
}

// rollForward redoes the records at or after the redo point and leaves
// the database in the state the options ask for.
func (i *Instance) rollForward(db *database, recs []logRecord, h *backupmedia.BackupHeader, opts RestoreOptions) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, r := range recs {
		if r.LSN < db.chain.RestoredLSN {
			continue
		}
		if err := db.redo(r); err != nil {
			db.info.State = StateSuspect
			return Raise(3189)
		}
	}
	db.chain.RestoredLSN = h.LastLSN
	db.chain.LogBackupLSN = h.LastLSN
	db.lsn = max(db.lsn, h.LastLSN)
	db.restoredTo = h.BackupStartDate
	return i.settle(db, opts)
}

// RestoreRecovery brings a RESTORING or STANDBY database online (RESTORE
// DATABASE … WITH RECOVERY and no FROM); 3153 when it is already
// recovered, 3101/3102 while a session uses it.
func (i *Instance) RestoreRecovery(ctx context.Context, s *Session, name string) error {
	if err := i.refuseRestoreMirrored(name); err != nil {
		return terminating("RESTORE DATABASE", err)
	}
	return terminating("RESTORE DATABASE", i.restoreRecovery(ctx, s, name))
}

// restoreRecovery recovers database name; like every RESTORE it needs
// exclusive access, so a STANDBY database that this session (3102) or
// another one (3101) reads is refused.
func (i *Instance) restoreRecovery(ctx context.Context, s *Session, name string) error {
	db, err := i.lookup(name)
	if err != nil {
		return err
	}
	info := db.Info()
	if s != nil && equalFold(s.Database(), info.Name) {
		return Raise(3102, "RESTORE", info.Name)
	}
	if len(i.usersOf(info.Name, s)) > 0 {
		return Raise(3101)
	}
	if err := acquire(ctx, db); err != nil {
		return err
	}
	defer func() { <-db.writer }()
	db.mu.Lock()
	if db.info.State != StateRestoring && !db.info.IsInStandby {
		db.mu.Unlock()
		return Raise(3153)
	}
	err = i.settle(db, RestoreOptions{})
	db.mu.Unlock()
	if err != nil {
		return err
	}
	return i.logMeta(db, false)
}
