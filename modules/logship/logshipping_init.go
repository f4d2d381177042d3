package logship

import (
	"fmt"

	"pcsh/runtime/cmdlet"
)

// dbStateQuery reads a database's recovery model and state.
const dbStateQuery = "SELECT recovery_model_desc, state_desc, is_in_standby FROM sys.databases WHERE name = @p1"

// dbState is one sys.databases row; Exists is false when there is none.
type dbState struct {
	Exists          bool
	Recovery, State string
	Standby         bool
}

// readDBState reads db's row on srv.
func readDBState(ctx *cmdlet.Context, srv Server, db string) (dbState, error) {
	res, err := query(ctx, srv, Batch(dbStateQuery, db))
	if err != nil {
		return dbState{}, err
	}
	rows := res.First().Rows
	if len(rows) == 0 {
		return dbState{}, nil
	}
	r := rows[0]
	return dbState{Exists: true, Recovery: str(r[0]), State: str(r[1]), Standby: truthy(r[2])}, nil
}

// preflight checks the primary database (ONLINE, not SIMPLE) and each
// secondary database (initialized for -Initialize None, absent otherwise
// unless -AllowDataLoss) before anything changes.
func (c *newLogShipping) preflight(ctx *cmdlet.Context, srvs servers) error {
	if err := checkPrimaryDB(ctx, srvs, c.PrimaryInstance, c.Database); err != nil {
		return err
	}
	for _, inst := range c.SecondaryInstance {
		if err := c.checkSecondaryDB(ctx, srvs, inst); err != nil {
			return err
		}
	}
	return nil
}

// checkPrimaryDB requires db to be ONLINE and in FULL or BULK_LOGGED
// recovery on instance (32015 otherwise, dbatools issue 2430).
func checkPrimaryDB(ctx *cmdlet.Context, srvs servers, instance, db string) error {
	st, err := stateOn(ctx, srvs, instance, db)
	switch {
	case err != nil:
		return err
	case !st.Exists:
		return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "DatabaseNotFound", instance, "The database %s does not exist on %s.", db, instance)
	case st.Recovery == "SIMPLE":
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "RecoveryModelSimple", instance,
			"The database %s on %s uses the SIMPLE recovery model; log shipping needs FULL.", db, instance).
			WithHint("ALTER DATABASE %s SET RECOVERY FULL, then take a full backup", db)
	case st.State != "ONLINE":
		return wrongRole(instance, db, st, "ONLINE (the primary)")
	}
	return nil
}

// checkSecondaryDB checks one secondary's database for the chosen
// initialization.
func (c *newLogShipping) checkSecondaryDB(ctx *cmdlet.Context, srvs servers, instance string) error {
	st, err := stateOn(ctx, srvs, instance, c.SecondaryDatabase)
	switch {
	case err != nil:
		return err
	case c.Initialize == "None" && !(st.State == "RESTORING" || st.Standby):
		return wrongRole(instance, c.SecondaryDatabase, st, "RESTORING or STANDBY (initialized)")
	case c.Initialize != "None" && st.Exists:
		return cmdlet.RefuseDataLoss(c.AllowDataLoss, instance,
			"The database %s already exists on %s: restoring the full backup over it (RESTORE … WITH REPLACE) loses its data and any "+
				"log tail it has not backed up (use -Initialize None when it is already restored WITH NORECOVERY)", c.SecondaryDatabase, instance)
	}
	return nil
}

// stateOn dials instance and reads db's state.
func stateOn(ctx *cmdlet.Context, srvs servers, instance, db string) (dbState, error) {
	srv, err := srvs.get(ctx, instance)
	if err != nil {
		return dbState{}, err
	}
	st, err := readDBState(ctx, srv, db)
	if err != nil {
		return st, stepFailed(err, "Pre-flight check on "+instance)
	}
	return st, nil
}

// wrongRole is the record for a database in the wrong state for a step.
func wrongRole(instance, db string, st dbState, want string) *cmdlet.ErrorRecord {
	got := "missing"
	if st.Exists {
		got = st.State
		if st.Standby {
			got += " (STANDBY)"
		}
	}
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "WrongDatabaseRole", instance,
		"The database %s on %s is %s; this step needs it %s.", db, instance, got, want)
}

// initSteps back up the primary (NewBackup) and restore the full backup
// on each secondary WITH NORECOVERY or STANDBY (REPLACE with
// -AllowDataLoss).
func (c *newLogShipping) initSteps(ctx *cmdlet.Context) ([]step, error) {
	if c.Initialize == "None" {
		return nil, nil
	}
	db, err := quote(c.Database)
	if err != nil {
		return nil, err
	}
	sdb, err := quote(c.SecondaryDatabase)
	if err != nil {
		return nil, err
	}
	file := c.BackupFile
	var plan []step
	if c.Initialize == "NewBackup" {
		file = joinPath(c.BackupShare, c.Database+"_full_"+stamp(ctx.Session.Now())+".bak")
		st := Batch("BACKUP DATABASE "+db+" TO DISK = @p1 WITH INIT, STATS = 10", file)
		st.Activity = "Backing up " + c.Database + " on " + c.PrimaryInstance
		plan = append(plan, step{Instance: c.PrimaryInstance, What: "Back up the primary database", Stmt: st})
	}
	for _, inst := range c.SecondaryInstance {
		plan = append(plan, step{Instance: inst, What: "Restore the full backup", Stmt: c.restoreFull(ctx, sdb, file, inst)})
	}
	return plan, nil
}

// restoreFull is RESTORE DATABASE … WITH NORECOVERY or STANDBY.
func (c *newLogShipping) restoreFull(ctx *cmdlet.Context, sdb, file, inst string) Stmt {
	with, args := "NORECOVERY", []any{file}
	if c.RestoreMode == "Standby" {
		undo := c.StandbyFile
		if undo == "" {
			undo = joinPath(c.CopyDirectory, c.SecondaryDatabase+"_undo.tuf")
		}
		with, args = "STANDBY = @p2", append(args, undo)
	}
	if c.AllowDataLoss {
		with += ", REPLACE"
	}
	st := Batch(fmt.Sprintf("RESTORE DATABASE %s FROM DISK = @p1 WITH %s, STATS = 10", sdb, with), args...)
	st.Activity = "Restoring " + c.SecondaryDatabase + " on " + inst
	return st
}
