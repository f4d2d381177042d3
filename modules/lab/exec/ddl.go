package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/tsql"
)

// createTable runs CREATE TABLE: columns with types, NULL/NOT NULL,
// IDENTITY, constant DEFAULTs and the PRIMARY KEY.
func (r *run) createTable(st *tsql.CreateTableStmt) error {
	db := st.Table.Database()
	def := engine.TableDef{Schema: st.Table.Schema(), Name: st.Table.Object()}
	temp := isTempTable(def.Name)
	if temp {
		db, def.Schema, def.Name = "tempdb", "dbo", r.s.tempName(def.Name)
	}
	for _, c := range st.Columns {
		col, err := r.columnDef(c)
		if err != nil {
			return err
		}
		def.Columns = append(def.Columns, col)
		if c.PrimaryKey {
			def.PrimaryKey = []string{c.Name}
		}
	}
	for _, tc := range st.Constraints {
		if tc.Kind != "PRIMARY KEY" {
			continue // UNIQUE constraints are accepted but not enforced (DEVIATIONS.md)
		}
		def.PrimaryKey, def.PrimaryKeyName = nil, tc.Name
		for _, o := range tc.Columns {
			ref, ok := o.Expr.(*tsql.ColumnRef)
			if !ok {
				return unsupported("PRIMARY KEY on an expression")
			}
			def.PrimaryKey = append(def.PrimaryKey, ref.Name.Object())
		}
	}
	if err := r.s.eng.CreateTable(r.ctx, db, def); err != nil || !temp {
		return err
	}
	r.s.tempCreated("dbo." + def.Name)
	return nil
}

// columnDef maps a column definition to the engine's.
func (r *run) columnDef(c tsql.ColumnDef) (engine.ColumnDef, error) {
	t, err := typeOfName(c.Type, false)
	if err != nil {
		return engine.ColumnDef{}, err
	}
	t.Name = c.Name
	t.Nullable = !c.PrimaryKey && c.Identity == nil && (c.Nullable == nil || *c.Nullable)
	col := engine.ColumnDef{Column: t}
	if c.Identity != nil {
		if col.Identity, err = r.identitySpec(c.Identity); err != nil {
			return col, err
		}
	}
	if c.Default != nil {
		v, err := r.eval(c.Default, nil)
		if err != nil {
			return col, err
		}
		col.Default, col.HasDefault = v.v, true
	}
	return col, nil
}

// identitySpec evaluates IDENTITY(seed, increment).
func (r *run) identitySpec(id *tsql.Identity) (*engine.Identity, error) {
	spec := &engine.Identity{Seed: 1, Increment: 1}
	if id.Seed == nil {
		return spec, nil
	}
	vals, err := r.evalAll([]tsql.Expr{id.Seed, id.Increment})
	if err != nil {
		return nil, err
	}
	if spec.Seed, err = argInt(vals[0]); err != nil {
		return nil, err
	}
	spec.Increment, err = argInt(vals[1])
	return spec, err
}

// dropTable runs DROP TABLE [IF EXISTS] t, ….
func (r *run) dropTable(st *tsql.DropTableStmt) error {
	for _, n := range st.Tables {
		db, name := r.tableName(n)
		err := r.s.eng.DropTable(r.ctx, db, name)
		if err != nil && !(st.IfExists && engine.ErrorNumber(err) == 3701) {
			return err
		}
		if err == nil && isTempTable(n.Object()) {
			r.s.tempDropped(name)
		}
	}
	return nil
}

// createDatabase runs CREATE DATABASE; file specifications and COLLATE
// are accepted and ignored (the lab keeps its own files).
func (r *run) createDatabase(st *tsql.CreateDatabaseStmt) error {
	return r.s.h.inst.CreateDatabase(st.Name)
}

// dropDatabase runs DROP DATABASE [IF EXISTS] name, ….
func (r *run) dropDatabase(st *tsql.DropDatabaseStmt) error {
	for _, name := range st.Names {
		err := r.s.h.inst.DropDatabase(r.ctx, r.s.eng, name)
		if err != nil && !(st.IfExists && engine.ErrorNumber(err) == 3701) {
			return err
		}
	}
	return nil
}

// alterDatabase runs ALTER DATABASE … SET options and MODIFY NAME.
func (r *run) alterDatabase(st *tsql.AlterDatabaseStmt) error {
	name := st.Name
	if st.Current {
		name = r.s.eng.Database()
	}
	info, err := r.s.h.inst.Database(name)
	if err != nil {
		return alterFailed(engine.Raise(5011, name))
	}
	if err := r.refuseRestoring(info, st); err != nil {
		return alterFailed(err)
	}
	immediate := st.Termination != nil && st.Termination.Kind != "NO_WAIT"
	if st.Partner == nil && st.Witness == nil {
		if err := r.singleUserTaken(info, immediate); err != nil {
			return alterFailed(err)
		}
	}
	switch {
	case st.ModifyName != "":
		return alterFailed(r.rename(name, st.ModifyName))
	case st.Partner != nil:
		return r.partner(name, st.Partner)
	case st.Witness != nil:
		return r.witness(name, st.Witness)
	}
	for _, o := range st.Options {
		if err := r.dbOption(name, o, immediate); err != nil {
			return alterFailed(err)
		}
	}
	return nil
}

// dbOption applies one ALTER DATABASE SET option.
func (r *run) dbOption(name string, o tsql.DBOption, immediate bool) error {
	inst := r.s.h.inst
	if err := engine.RefuseSystemOption(name, o.Name); err != nil {
		return err
	}
	if o.Name == "OFFLINE" || o.Name == "EMERGENCY" || o.Name == "READ_ONLY" {
		if err := inst.RefuseMirroredAlter(name); err != nil {
			return err
		}
	}
	switch o.Name {
	case "RECOVERY":
		return inst.SetRecoveryModel(name, recoveryModel(o.Value))
	case "SINGLE_USER", "MULTI_USER", "RESTRICTED_USER":
		access := map[string]engine.UserAccess{"SINGLE_USER": engine.SingleUser, "MULTI_USER": engine.MultiUser,
			"RESTRICTED_USER": engine.RestrictedUser}[o.Name]
		return inst.SetUserAccess(r.s.eng, name, access, immediate)
	case "ONLINE", "OFFLINE", "EMERGENCY":
		return r.setState(name, o.Name, immediate)
	case "READ_ONLY", "READ_WRITE":
		if err := r.exclusive(name, immediate); err != nil {
			return err
		}
		return inst.AlterDatabase(name, func(in *engine.DatabaseInfo) error { in.IsReadOnly = o.Name == "READ_ONLY"; return nil })
	case "COMPATIBILITY_LEVEL":
		return r.compatibility(name, o.Value)
	}
	return unsupported("ALTER DATABASE SET " + strings.TrimSpace(o.Name+" "+o.Value))
}

// refuseRestoring is 5052 for ALTER DATABASE … SET options and MODIFY
// NAME of a RESTORING database ("ALTER DATABASE is not permitted while a
// database is in the Restoring state.", as SQL Server sends it; Database
// engine events and errors 5000-5999). SET PARTNER and SET WITNESS are
// how a mirror, which is RESTORING, joins a session; the refusals of a
// mirror database in a session are its own (1468).
func (r *run) refuseRestoring(info engine.DatabaseInfo, st *tsql.AlterDatabaseStmt) error {
	if info.State != engine.StateRestoring || st.Partner != nil || st.Witness != nil {
		return nil
	}
	if err := r.s.h.inst.RefuseMirroredAlter(info.Name); err != nil {
		return nil
	}
	return engine.Raise(5052, "ALTER DATABASE", "Restoring")
}

// rename is ALTER DATABASE … MODIFY NAME; a database in a mirroring
// session keeps its name (1468).
func (r *run) rename(name, newName string) error {
	if err := r.s.h.inst.RefuseMirroredAlter(name); err != nil {
		return err
	}
	return r.s.h.inst.RenameDatabase(name, newName)
}

func recoveryModel(v string) sqldb.RecoveryModel {
	switch v {
	case "SIMPLE":
		return sqldb.RecoverySimple
	case "BULK_LOGGED":
		return sqldb.RecoveryBulkLogged
	}
	return sqldb.RecoveryFull
}

// setState takes a database ONLINE, OFFLINE or to EMERGENCY. Other users
// must leave first: WITH ROLLBACK IMMEDIATE kills them, otherwise their
// presence fails the change with 5070 and 5069.
func (r *run) setState(name, state string, immediate bool) error {
	inst := r.s.h.inst
	if info, err := inst.Database(name); err == nil && info.State != engine.StateOnline &&
		info.State != engine.StateOffline && info.State != engine.StateEmergency {
		return unsupported("ALTER DATABASE SET " + state + " of a " + info.State.String() + " database")
	}
	if state != "ONLINE" {
		if err := r.exclusive(name, immediate); err != nil {
			return err
		}
	}
	st := map[string]engine.DatabaseState{"ONLINE": engine.StateOnline, "OFFLINE": engine.StateOffline,
		"EMERGENCY": engine.StateEmergency}[state]
	return inst.AlterDatabase(name, func(in *engine.DatabaseInfo) error { in.State = st; return nil })
}

// singleUserTaken is 5064 for ALTER DATABASE … SET or MODIFY NAME of a
// SINGLE_USER database another session is connected to ("Changes to the
// state or options of database '%.*ls' cannot be made at this time. The
// database is in single-user mode, and a user is currently connected to
// it.", Database engine events and errors 5000-5999; then 5069). WITH
// ROLLBACK IMMEDIATE or AFTER ends that session instead.
func (r *run) singleUserTaken(info engine.DatabaseInfo, immediate bool) error {
	if info.UserAccess != engine.SingleUser || !r.othersIn(info.Name) {
		return nil
	}
	if immediate {
		return r.exclusive(info.Name, true)
	}
	return engine.Raise(5064, info.Name)
}

// othersIn reports whether a session other than this one uses database
// name.
func (r *run) othersIn(name string) bool {
	for _, s := range r.s.h.inst.Sessions() {
		if s.SessionID != r.s.eng.SPID() && strings.EqualFold(s.Database, name) {
			return true
		}
	}
	return false
}

// exclusive takes the exclusive access to database name that OFFLINE,
// EMERGENCY, READ_ONLY and READ_WRITE need ("ALTER DATABASE SET Options":
// "To change this state, you must have exclusive access to the
// database"): WITH ROLLBACK IMMEDIATE or AFTER ends the other sessions
// using it; without, they fail the change with 5070 and 5069, as WITH
// NO_WAIT does (SQL Server waits for them; DEVIATIONS.md).
func (r *run) exclusive(name string, immediate bool) error {
	inst := r.s.h.inst
	for _, s := range inst.Sessions() {
		if s.SessionID == r.s.eng.SPID() || !strings.EqualFold(s.Database, name) {
			continue
		}
		if !immediate {
			return engine.Errors{engine.Raise(5070, name), engine.Raise(5069)}
		}
		if err := inst.Kill(r.s.eng, s.SessionID); err != nil {
			return err
		}
	}
	return nil
}

// compatibility sets COMPATIBILITY_LEVEL = n.
// SQL Server 2012, the version the lab reports, accepts 90, 100 and 110
// ("ALTER DATABASE Compatibility Level"); another number raises 15048.
func (r *run) compatibility(name, v string) error {
	n, err := argInt(value{v, varchar(10)})
	if err != nil {
		return unsupported("COMPATIBILITY_LEVEL = " + v)
	}
	if n != 90 && n != 100 && n != 110 {
		return engine.Raise(15048, int64(90), int64(100), int64(110))
	}
	return r.s.h.inst.AlterDatabase(name, func(in *engine.DatabaseInfo) error { in.CompatibilityLevel = uint8(n); return nil })
}
