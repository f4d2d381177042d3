package engine

import (
	"context"
	"os"
	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqldb"
	"strings"
	"time"
)

// RestoreOptions are the WITH options of RESTORE DATABASE and RESTORE LOG.
// Without NoRecovery or Standby the restore recovers the database.
type RestoreOptions struct {
	NoRecovery bool
	Standby    string            // undo file path: leaves the database read-only and restorable
	Replace    bool              // overwrite an existing database, skipping the tail-log check
	Move       map[string]string // logical file name → new physical name
	Stats      int
	Checksum   bool
	File       int // backup set position; 0 means 1
	Messages   func(*Error)
	// StopAt, StopAtMark and StopBeforeMark are the point-in-time options
	// (see restore_stopat.go); the zero values mean none.
	StopAt time.Time
	// StopAtMark and StopBeforeMark name a transaction mark (or an
	// 'lsn:n' stop point); MarkAfter is their AFTER 'datetime'.
	StopAtMark, StopBeforeMark string
	MarkAfter                  time.Time
}

// recovers reports whether the restore brings the database online.
func (o RestoreOptions) recovers() bool { return !o.NoRecovery && o.Standby == "" }

// RestoreDatabase restores a full backup set from path into database name
// (RESTORE DATABASE … FROM DISK). Failures carry the specific error
// followed by 3013.
func (i *Instance) RestoreDatabase(ctx context.Context, s *Session, name, path string, opts RestoreOptions) error {
	if err := i.refuseRestoreMirrored(name); err != nil {
		return terminating("RESTORE DATABASE", err)
	}
	if err := refuseRestoreSystem(name); err != nil {
		return terminating("RESTORE DATABASE", err)
	}
	return terminating("RESTORE DATABASE", i.restoreDatabase(ctx, s, name, path, opts))
}

func (i *Instance) restoreDatabase(ctx context.Context, s *Session, name, path string, opts RestoreOptions) error {
	start := i.now()
	set, err := i.loadSet(path, opts, backupmedia.BackupTypeDatabase)
	if err != nil {
		return err
	}
	h := set.header
	if err := checkMoves(h, name, opts.Move); err != nil {
		return err
	}
	if err := dataStopPoint(h, opts); err != nil {
		return err
	}
	if h.BackupType == backupmedia.BackupTypeDifferential {
		return i.restoreDifferential(ctx, s, name, path, set, opts, start)
	}
	old, _ := i.lookup(name)
	if old != nil {
		if err := i.checkOverwrite(s, old, h, opts); err != nil {
			return err
		}
	}
	if err := i.refuseFilesInUse(movedFiles(h.Files, opts.Move), old); err != nil {
		return err
	}
	if err := i.restoreSpace(h); err != nil {
		return err
	}
	if err := transfer(set, opts); err != nil {
		return err
	}
	if old != nil {
		if err := acquire(ctx, old); err != nil {
			return err
		}
		defer func() { <-old.writer }()
	}
	db, err := i.restoredImage(set, name, old, opts)
	if err != nil {
		return err
	}
	if err := i.install(ctx, old, db); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "RESTORE DATABASE", db.info.Name, dataAndLog(db.info.Files, h.BackupSize), start)
	return i.recordRestore(ctx, h, path, db.info.Name, "D", opts)
}

// loadSet reads the chosen set of path and checks its type; transfer
// verifies its payload.
func (i *Instance) loadSet(path string, opts RestoreOptions, want int) (*backupSet, error) {
	m, err := i.readDevice(path)
	if err != nil {
		return nil, err
	}
	set, err := m.pickSet(opts.File, path)
	if err != nil {
		return nil, err
	}
	if typ := set.header.BackupType; typ != want && (want != backupmedia.BackupTypeDatabase || typ != backupmedia.BackupTypeDifferential) {
		return nil, Raise(3135, path, set.header.Statement())
	}
	if opts.Checksum && !set.header.HasBackupChecksums {
		return nil, Raise(3187)
	}
	return set, nil
}

// transfer reads a set's payload from the media after RESTORE's checks
// passed, verifying its checksum and reporting WITH STATS progress (3211)
// as the data is read, as SQL Server's data copy phase does.
func transfer(set *backupSet, opts RestoreOptions) error {
	p := newProgress(opts.Stats, len(set.Payload), opts.Messages)
	ok := set.VerifyReporting(p.update)
	p.update(len(set.Payload))
	if ok {
		return nil
	}
	if opts.Checksum {
		return Raise(3183, 1, set.FirstBadPage(), set.header.DatabaseName)
	}
	return Raise(3189)
}

// checkOverwrite applies RESTORE's checks on an existing database: the
// session's own use (3102), other users (3101), a different database
// (3154) and an unbacked-up tail of the log (3159).
func (i *Instance) checkOverwrite(s *Session, old *database, h *backupmedia.BackupHeader, opts RestoreOptions) error {
	info := old.Info()
	if s != nil && equalFold(s.Database(), info.Name) {
		return Raise(3102, "RESTORE", info.Name)
	}
	if len(i.usersOf(info.Name, s)) > 0 {
		return Raise(3101)
	}
	if opts.Replace {
		return nil
	}
	if info.FamilyGUID != h.FamilyGUID && !equalFold(info.Name, h.DatabaseName) {
		return Raise(3154, info.Name)
	}
	if old.hasLogTail() && opts.StopAt.IsZero() {
		return Raise(3159, info.Name)
	}
	return nil
}

// hasLogTail reports whether an online database has log that no log
// backup holds yet.
func (db *database) hasLogTail() bool {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.info.State == StateOnline && !db.info.IsInStandby && db.info.RecoveryModel != sqldb.RecoverySimple &&
		db.chain.Started && db.lsn >= db.chain.LogBackupLSN
}

// restoredImage decodes a full backup into the database that will replace
// old (or be created) under name. The backup of a mirrored principal holds
// its mirroring row; the restored copy drops it, as SQL Server's restored
// database has no mirroring session until ALTER DATABASE … SET PARTNER.
func (i *Instance) restoredImage(set *backupSet, name string, old *database, opts RestoreOptions) (*database, error) {
	payload, err := setPayload(set)
	if err != nil {
		return nil, err
	}
	d := newDec(payload)
	db, err := d.database()
	if err != nil {
		return nil, Raise(3189)
	}
	db.info.Name = name
	db.info.Files = movedFiles(db.info.Files, opts.Move)
	db.info.Mirroring = nil // a restored copy is in no mirroring session
	if old != nil {
		db.info.ID = old.Info().ID
	} else {
		db.info.ID = i.allocateID()
	}
	h := set.header
	db.lsn = h.LastLSN
	db.chain = chainState{LastFullLSN: h.CheckpointLSN, RestoredLSN: h.LastLSN, LogBackupLSN: h.LastLSN}
	db.restoredTo = h.BackupStartDate
	return db, i.settle(db, opts)
}

// setPayload returns a set's payload, inflating a compressed one.
func setPayload(set *backupSet) ([]byte, error) {
	if !set.header.Compressed {
		return set.Payload, nil
	}
	p, err := decompress(set.Payload)
	if err != nil {
		return nil, Raise(3189)
	}
	return p, nil
}

// movedFiles applies WITH MOVE.
func movedFiles(files []sqldb.File, move map[string]string) []sqldb.File {
	out := append([]sqldb.File(nil), files...)
	for k, f := range out {
		for logical, physical := range move {
			if strings.EqualFold(logical, f.LogicalName) {
				out[k].PhysicalName = physical
			}
		}
	}
	return out
}

// allocateID hands out a new database id.
func (i *Instance) allocateID() int32 {
	i.mu.Lock()
	defer i.mu.Unlock()
	id := i.nextDBID
	i.nextDBID++
	return id
}

// settle sets the state a restore leaves: RESTORING (NORECOVERY), ONLINE
// read-only in standby (STANDBY, writing the undo file), or ONLINE.
func (i *Instance) settle(db *database, opts RestoreOptions) error {
	in := &db.info
	in.IsInStandby, in.IsReadOnly = false, false
	switch {
	case opts.NoRecovery:
		in.State = StateRestoring
	case opts.Standby != "":
		if i.confined(opts.Standby) != nil || os.WriteFile(i.devicePath(opts.Standby), []byte("PCSHUNDO"), 0o644) != nil {
			return Raise(3170)
		}
		in.State, in.IsInStandby, in.IsReadOnly = StateOnline, true, true
	default:
		in.State = StateOnline
		db.chain.Started = in.RecoveryModel != sqldb.RecoverySimple
	}
	return nil
}

// install puts a restored database in the catalog (replacing old) and
// checkpoints, so the restore is durable when RESTORE returns.
func (i *Instance) install(ctx context.Context, old, db *database) error {
	i.commitMu.RLock()
	i.mu.Lock()
	if old != nil {
		old.markGone()
		delete(i.dbs, strings.ToLower(old.info.Name))
	}
	i.dbs[strings.ToLower(db.info.Name)] = db
	i.nextDBID = max(i.nextDBID, db.info.ID+1)
	i.mu.Unlock()
	i.commitMu.RUnlock()
	return i.checkpoint(ctx, true)
}
