package engine

import (
	"context"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqldb"
)

// BackupLog backs up the log of database name to path (BACKUP LOG … TO
// DISK). It needs the FULL or BULK_LOGGED model (4208) and a full backup
// that started the log chain (4214). WITH NORECOVERY takes a tail-log
// backup and leaves the database RESTORING. WITH NO_TRUNCATE keeps the
// chain where it is (as COPY_ONLY) and backs up a damaged database too.
// Failures end with 3013.
func (i *Instance) BackupLog(ctx context.Context, s *Session, name, path string, opts BackupOptions) error {
	if err := i.refuseTailOfPrincipal(name, opts); err != nil {
		return terminating("BACKUP LOG", err)
	}
	return terminating("BACKUP LOG", i.backupLog(ctx, s, name, path, opts))
}

func (i *Instance) backupLog(ctx context.Context, s *Session, name, path string, opts BackupOptions) error {
	db, err := i.logBackupSource(name, opts)
	if err != nil {
		return err
	}
	if err := i.logBackupAllowed(db, s, opts); err != nil {
		return err
	}
	start := i.now()
	h, body := i.logSet(s, db, opts)
	if err := i.writeSet(path, h, backupmedia.Payload{body}, opts); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "BACKUP LOG", h.DatabaseName, logOnly(h.Files, h.BackupSize), start)
	i.afterLogBackup(db, h, opts)
	if err := i.logMeta(db, true); err != nil {
		return err
	}
	return i.recordBackup(ctx, h, path)
}

// logBackupSource resolves the database of BACKUP LOG. WITH NO_TRUNCATE
// it also takes a damaged database (SUSPECT or RECOVERY_PENDING), whose
// log the lab always still holds; an OFFLINE database stays refused (942),
// as the BACKUP documentation says of NO_TRUNCATE.
func (i *Instance) logBackupSource(name string, opts BackupOptions) (*database, error) {
	if opts.NoTruncate {
		if db, err := i.lookup(name); err == nil && db.Info().damaged() {
			return db, nil
		}
	}
	return i.backupSource(name)
}

// damaged reports whether the database is SUSPECT or RECOVERY_PENDING,
// the states only BACKUP LOG WITH NO_TRUNCATE reads.
func (info DatabaseInfo) damaged() bool {
	return info.State == StateSuspect || info.State == StateRecoveryPending
}

// logSet builds the header and payload of a log backup: the log from the
// chain's backup point to a new end of log. A damaged database's backup
// (WITH NO_TRUNCATE) is marked IsDamaged and HasIncompleteMetaData, as
// SQL Server marks a tail-log backup of a damaged database.
func (i *Instance) logSet(s *Session, db *database, opts BackupOptions) (*backupmedia.BackupHeader, []byte) {
	db.mu.Lock()
	defer db.mu.Unlock()
	h := i.newHeader(s, db, backupmedia.BackupTypeLog, opts)
	h.FirstLSN, h.CheckpointLSN, h.DatabaseBackupLSN = db.chain.LogBackupLSN, db.chain.LastFullLSN, db.chain.LastFullLSN
	h.LastLSN = db.advance(1).Next()
	h.BeginsLogChain = db.chain.LastLogBackupAt == 0
	h.IsForceOffline = opts.NoRecovery
	h.IsDamaged = db.info.damaged()
	h.HasIncompleteMetaData = h.IsDamaged
	return h, encodeLogRecords(db.log, h.FirstLSN)
}

// logBackupAllowed applies BACKUP LOG's preconditions.
func (i *Instance) logBackupAllowed(db *database, s *Session, opts BackupOptions) error {
	db.mu.RLock()
	info, started := db.info, db.chain.Started
	db.mu.RUnlock()
	switch {
	case equalFold(info.Name, "master"):
		return Raise(4212)
	case info.RecoveryModel == sqldb.RecoverySimple:
		return Raise(4208, "BACKUP LOG")
	case !started:
		return Raise(4214)
	case opts.NoRecovery && len(i.usersOf(info.Name, s)) > 0:
		return Raise(3101)
	}
	return nil
}

// encodeLogRecords encodes the records at or after first.
func encodeLogRecords(log []logRecord, first LSN) []byte {
	var keep []logRecord
	for _, r := range log {
		if r.End >= first {
			keep = append(keep, r)
		}
	}
	var e enc
	e.uvarint(uint64(len(keep)))
	for _, r := range keep {
		e.logRecord(r)
	}
	return e.b
}

// afterLogBackup moves the chain past the backup (unless COPY_ONLY) and
// takes the database offline into RESTORING for a tail-log backup.
func (i *Instance) afterLogBackup(db *database, h *backupmedia.BackupHeader, opts BackupOptions) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if !opts.CopyOnly && !opts.NoTruncate {
		db.chain.LogBackupLSN = h.LastLSN
		db.chain.LastLogBackupAt = h.LastLSN
	}
	if opts.NoRecovery {
		db.info.State = StateRestoring
		db.chain.RestoredLSN = h.LastLSN
	}
	db.shipLocked(nil)
}
