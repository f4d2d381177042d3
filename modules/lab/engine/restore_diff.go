package engine

import (
	"context"
	"time"
)

// restoreDifferential restores differential backup set (already read from
// path) into database name, which must be RESTORING (or in STANDBY) from
// the full backup the differential is based on: 3118 when it does not
// exist, 3117 when it is recovered, 3136 when it was restored from
// another base or rolled forward past the differential.
func (i *Instance) restoreDifferential(ctx context.Context, s *Session, name, path string, set *backupSet,
	opts RestoreOptions, start time.Time) error {
	h := set.header
	db, err := i.lookup(name)
	if err != nil {
		return Raise(3118, name)
	}
	db.mu.RLock()
	info, chain := db.info, db.chain
	db.mu.RUnlock()
	switch {
	case s != nil && equalFold(s.Database(), info.Name):
		return Raise(3102, "RESTORE", info.Name)
	case len(i.usersOf(info.Name, s)) > 0:
		return Raise(3101)
	case info.State != StateRestoring && !info.IsInStandby:
		return Raise(3117)
	case info.FamilyGUID != h.FamilyGUID || chain.LastFullLSN != h.DifferentialBaseLSN || chain.RestoredLSN > h.LastLSN:
		return Raise(3136)
	}
	if err := transfer(set, opts); err != nil {
		return err
	}
	payload, err := setPayload(set)
	if err != nil {
		return err
	}
	d := newDec(payload)
	img, err := d.database()
	if err != nil {
		return Raise(3189)
	}
	if err := acquire(ctx, db); err != nil {
		return err
	}
	defer func() { <-db.writer }()
	db.mu.Lock()
	db.tables = img.tables
	db.lsn = max(db.lsn, h.LastLSN)
	db.chain.RestoredLSN, db.chain.LogBackupLSN = h.LastLSN, h.LastLSN
	db.restoredTo = h.BackupStartDate
	err = i.settle(db, opts)
	db.mu.Unlock()
	if err != nil {
		return err
	}
	if err := i.checkpoint(ctx, true); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "RESTORE DATABASE", info.Name, dataAndLog(info.Files, h.BackupSize), start)
	return i.recordRestore(ctx, h, path, info.Name, "I", opts)
}
