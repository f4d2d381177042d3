package engine

import (
	"context"
	"pcsh/modules/lab/sqldb"
	"strings"

	"github.com/google/uuid"
)

// lookup returns the database called name or raises 911.
func (i *Instance) lookup(name string) (*database, error) {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if db := i.dbs[strings.ToLower(name)]; db != nil {
		return db, nil
	}
	return nil, Raise(911, name)
}

// canonicalName returns the stored spelling of a database name.
func (i *Instance) canonicalName(name string) string {
	if db, err := i.lookup(name); err == nil {
		return db.Info().Name
	}
	return name
}

// Database returns a database's catalog row.
func (i *Instance) Database(name string) (DatabaseInfo, error) {
	db, err := i.lookup(name)
	if err != nil {
		return DatabaseInfo{}, err
	}
	return db.Info(), nil
}

// Databases returns every database's catalog row, ordered by id.
func (i *Instance) Databases() []DatabaseInfo {
	i.mu.RLock()
	dbs := i.databasesLocked()
	i.mu.RUnlock()
	out := make([]DatabaseInfo, len(dbs))
	for k, db := range dbs {
		out[k] = db.Info()
	}
	return out
}

// checkUse reports why session s may not use database name (USE or login).
func (i *Instance) checkUse(name string, s *Session) error {
	db, err := i.lookup(name)
	if err != nil {
		return err
	}
	info := db.Info()
	if err := info.accessError(); err != nil {
		return err
	}
	if info.UserAccess == SingleUser && len(i.usersOf(info.Name, s)) > 0 {
		return Raise(924, info.Name)
	}
	return nil
}

// CreateDatabase creates an empty ONLINE database with model's recovery
// model, as CREATE DATABASE does.
func (i *Instance) CreateDatabase(name string) error {
	model, err := i.lookup("model")
	if err != nil {
		return err
	}
	info := DatabaseInfo{Name: name, CreateDate: i.now(), RecoveryModel: model.Info().RecoveryModel,
		CompatibilityLevel: 110, Collation: defaultCollation, Files: defaultFiles(i.opts.Dir, name),
		GUID: uuid.New(), FamilyGUID: uuid.New()}
	if _, err := i.lookup(name); err == nil {
		return Raise(1801, name)
	}
	if err := i.createFilesFailed(info.Files); err != nil {
		return err
	}
	i.commitMu.RLock()
	i.mu.Lock()
	if i.dbs[strings.ToLower(name)] != nil {
		i.mu.Unlock()
		i.commitMu.RUnlock()
		return Raise(1801, name)
	}
	info.ID = i.nextDBID
	i.nextDBID++
	i.dbs[strings.ToLower(name)] = newDatabase(info)
	wait := i.enqueue(&walRecord{kind: walCreateDB, info: info})
	i.mu.Unlock()
	i.commitMu.RUnlock()
	return wait()
}

// defaultCollation is the server collation of the lab.
const defaultCollation = "SQL_Latin1_General_CP1_CI_AS"

// DropDatabase drops a user database nobody else is using (DROP DATABASE).
func (i *Instance) DropDatabase(ctx context.Context, s *Session, name string) error {
	db, err := i.lookup(name)
	if err != nil {
		return Raise(3701, "drop", "database", name)
	}
	info := db.Info()
	if err := refuseDropSystem(info.Name); err != nil {
		return err
	}
	if err := i.refuseDropMirrored(info); err != nil {
		return err
	}
	if len(i.usersOf(info.Name, s)) > 0 || (s != nil && equalFold(s.Database(), info.Name)) {
		return Raise(3702, info.Name)
	}
	if err := acquire(ctx, db); err != nil {
		return err
	}
	defer func() { <-db.writer }()
	return i.removeDatabase(db)
}

// removeDatabase drops db from the catalog durably; the caller holds its
// writer.
func (i *Instance) removeDatabase(db *database) error {
	db.markGone()
	i.commitMu.RLock()
	i.mu.Lock()
	delete(i.dbs, strings.ToLower(db.info.Name))
	wait := i.enqueue(&walRecord{kind: walDropDB, dbID: db.info.ID})
	i.mu.Unlock()
	i.commitMu.RUnlock()
	return wait()
}

// markGone flags a database object that left the catalog, so writers that
// waited for it fail instead of changing an orphan.
func (db *database) markGone() {
	db.mu.Lock()
	db.gone = true
	db.mu.Unlock()
}

// acquire takes db's writer outside a transaction (DDL on the database
// itself, RESTORE).
func acquire(ctx context.Context, db *database) error {
	select {
	case db.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// AlterDatabase changes a database's catalog row durably (ALTER DATABASE
// … SET …). change may return an error to refuse the change.
func (i *Instance) AlterDatabase(name string, change func(*DatabaseInfo) error) error {
	db, err := i.lookup(name)
	if err != nil {
		return err
	}
	db.mu.Lock()
	info := db.info
	if err := change(&info); err != nil {
		db.mu.Unlock()
		return err
	}
	if info.RecoveryModel == sqldb.RecoverySimple && db.info.RecoveryModel != sqldb.RecoverySimple {
		db.chain = chainState{} // the log chain breaks
	}
	i.renameLocked(db, info)
	db.mu.Unlock()
	return i.logMeta(db, false)
}

// renameLocked stores info, moving the catalog key when the name changed.
func (i *Instance) renameLocked(db *database, info DatabaseInfo) {
	if !strings.EqualFold(info.Name, db.info.Name) {
		i.mu.Lock()
		delete(i.dbs, strings.ToLower(db.info.Name))
		i.dbs[strings.ToLower(info.Name)] = db
		i.mu.Unlock()
	}
	db.info = info
}

// SetRecoveryModel is ALTER DATABASE … SET RECOVERY. A mirrored database
// must stay in FULL recovery (1468).
func (i *Instance) SetRecoveryModel(name string, m sqldb.RecoveryModel) error {
	return i.AlterDatabase(name, func(in *DatabaseInfo) error {
		if in.Mirroring != nil && m != sqldb.RecoveryFull {
			return Raise(1468, in.Name)
		}
		in.RecoveryModel = m
		return nil
	})
}

// SetMirroring stores the mirroring state of a database; nil ends
// mirroring. The mirroring module owns the semantics.
func (i *Instance) SetMirroring(name string, m *Mirroring) error {
	return i.AlterDatabase(name, func(in *DatabaseInfo) error { in.Mirroring = m; return nil })
}

// SetUserAccess is ALTER DATABASE … SET SINGLE_USER | RESTRICTED_USER |
// MULTI_USER. With rollbackImmediate other sessions in the database are
// killed first (WITH ROLLBACK IMMEDIATE); otherwise their presence fails
// the change with 5070.
func (i *Instance) SetUserAccess(s *Session, name string, access UserAccess, rollbackImmediate bool) error {
	info, err := i.Database(name)
	if err != nil {
		return err
	}
	if others := i.usersOf(info.Name, s); access != MultiUser && len(others) > 0 {
		if !rollbackImmediate {
			return Errors{Raise(5070, info.Name), Raise(5069)}
		}
		for _, o := range others {
			o.kill()
		}
	}
	return i.AlterDatabase(name, func(in *DatabaseInfo) error { in.UserAccess = access; return nil })
}
