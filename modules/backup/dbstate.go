package backup

import (
	"pcsh/runtime/cmdlet"
)

// stateQuery reads one database's row of sys.databases.
const stateQuery = "SELECT name, state_desc, is_in_standby, recovery_model_desc FROM sys.databases WHERE name = @p1"

// DatabaseState is a database's state after a restore, from
// sys.databases; Exists is false when there is no such database.
type DatabaseState struct {
	SqlInstance   string
	Database      string
	Exists        bool   `pcsh:"-"`
	State         string // state_desc: ONLINE, RESTORING, …
	InStandby     bool
	RecoveryModel string
}

// DefaultView names the properties shown by default.
func (DatabaseState) DefaultView() []string {
	return []string{"SqlInstance", "Database", "State", "InStandby"}
}

// describe says what the database is, for messages: "ONLINE (FULL
// recovery)", "ONLINE in STANDBY (read-only)", "RESTORING".
func (s DatabaseState) describe() string {
	switch {
	case s.InStandby:
		return s.State + " in STANDBY (read-only)"
	case s.RecoveryModel != "" && s.State == "ONLINE":
		return s.State + " (" + s.RecoveryModel + " recovery)"
	}
	return s.State
}

// stateOf reads a database's state on instance.
func stateOf(ctx *cmdlet.Context, db SQL, instance, name string) (DatabaseState, error) {
	res, err := db.Query(ctx, instance, stateQuery, name)
	if err != nil {
		return DatabaseState{}, err
	}
	st := DatabaseState{SqlInstance: instance, Database: name}
	if rows := res.First().Rows; len(rows) > 0 && len(rows[0]) >= 4 {
		r := rows[0]
		st.Exists, st.State, st.InStandby, st.RecoveryModel = true, text(r[1]), truthy(r[2]), text(r[3])
	}
	return st, nil
}

// refuseReplace is the DataLossNotAllowed record of -Replace without
// -AllowDataLoss, saying what would be overwritten; nil with it.
func (c *databaseRestore) refuseReplace(ctx *cmdlet.Context, db SQL) error {
	if c.AllowDataLoss {
		return nil
	}
	st, err := stateOf(ctx, db, c.SqlInstance, c.Database)
	if err != nil {
		return failed(err, "Read the state of "+c.Database+" on "+c.SqlInstance)
	}
	if !st.Exists {
		return cmdlet.RefuseDataLoss(false, c.Database,
			"RESTORE DATABASE … WITH REPLACE overwrites the database %s on %s whatever it holds; there is no such database now, so restore without -Replace",
			c.Database, c.SqlInstance)
	}
	return cmdlet.RefuseDataLoss(false, c.Database,
		"RESTORE DATABASE … WITH REPLACE would overwrite the existing database %s on %s, which is %s: everything it holds is replaced by the backup, and its log tail (the transactions after its last log backup) is lost, because REPLACE skips the tail-log check and no tail-log backup is taken",
		c.Database, c.SqlInstance, st.describe())
}

// refuseOverwrite refuses, without -AllowDataLoss, a full restore over
// an existing ONLINE database that is not in STANDBY: SQL Server lets it
// through without REPLACE when the database has no log chain yet (no
// 3159), and everything the database holds is still replaced.
func (c *databaseRestore) refuseOverwrite(ctx *cmdlet.Context, db SQL) error {
	if c.AllowDataLoss {
		return nil
	}
	st, err := stateOf(ctx, db, c.SqlInstance, c.Database)
	if err != nil || !st.Exists || st.State != "ONLINE" || st.InStandby {
		return err
	}
	return cmdlet.RefuseDataLoss(false, c.Database,
		"RESTORE DATABASE would overwrite the existing database %s on %s, which is %s: everything it holds is replaced by the backup",
		c.Database, c.SqlInstance, st.describe())
}

var _ cmdlet.DefaultViewer = DatabaseState{}
