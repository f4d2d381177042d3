package engine

import (
	"pcsh/modules/lab/sqltype"
)

// systemView returns the named system view materialized now, or nil.
func (i *Instance) systemView(name string) Relation {
	switch name {
	case "sys.databases", "master.sys.databases":
		return i.sysDatabases()
	case "sys.dm_exec_sessions", "master.sys.dm_exec_sessions":
		return i.sysSessions()
	case "sys.database_mirroring", "master.sys.database_mirroring":
		return i.sysMirroring()
	}
	return i.registeredView(name)
}

// sysDatabasesColumns are sys.databases columns in documented order (a
// leading subset of the documented list plus log_reuse_wait).
func sysDatabasesColumns() []sqltype.Column {
	return sqlColumns(colNVarChar("name", 128, false), colInt("database_id", false),
		colInt("source_database_id", true), colVarBinary("owner_sid", 85, true), colDateTime("create_date", false),
		colTinyInt("compatibility_level", false), colNVarChar("collation_name", 128, true),
		colTinyInt("user_access", true), colNVarChar("user_access_desc", 60, true), colBit("is_read_only", true),
		colBit("is_auto_close_on", false), colBit("is_auto_shrink_on", true), colTinyInt("state", true),
		colNVarChar("state_desc", 60, true), colBit("is_in_standby", true), colBit("is_cleanly_shutdown", true),
		colTinyInt("recovery_model", true), colNVarChar("recovery_model_desc", 60, true),
		colTinyInt("log_reuse_wait", true), colNVarChar("log_reuse_wait_desc", 60, true))
}

// logReuseWaitCode maps log_reuse_wait_desc to its number.
func logReuseWaitCode(desc string) int64 {
	switch desc {
	case "CHECKPOINT":
		return 1
	case "LOG_BACKUP":
		return 2
	case "DATABASE_MIRRORING":
		return 6
	}
	return 0
}

// sysDatabases materializes sys.databases.
func (i *Instance) sysDatabases() Relation {
	rel := &staticRelation{cols: sysDatabasesColumns()}
	for _, db := range i.allDatabases() {
		db.mu.RLock()
		in, wait := db.info, db.logReuseWait()
		db.mu.RUnlock()
		rel.rows = append(rel.rows, Row{in.Name, int64(in.ID), nil, []byte{1}, in.CreateDate,
			int64(in.CompatibilityLevel), in.Collation, int64(in.UserAccess), in.UserAccess.String(), in.IsReadOnly,
			false, false, int64(in.State), in.State.String(), in.IsInStandby, false,
			int64(in.RecoveryModel), in.RecoveryModel.String(), logReuseWaitCode(wait), wait})
	}
	return rel
}

// allDatabases returns the databases ordered by id.
func (i *Instance) allDatabases() []*database {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.databasesLocked()
}

// sysSessionsColumns are sys.dm_exec_sessions columns in documented order
// (a subset).
func sysSessionsColumns() []sqltype.Column {
	return sqlColumns(colSmallInt("session_id", false), colDateTime("login_time", false),
		colNVarChar("host_name", 128, true), colNVarChar("program_name", 128, true), colInt("host_process_id", true),
		colNVarChar("login_name", 128, false), colNVarChar("status", 30, false),
		colDateTime("last_request_start_time", false), colDateTime("last_request_end_time", true),
		colBit("is_user_process", false), colSmallInt("database_id", true), colInt("open_transaction_count", true))
}

// sysSessions materializes sys.dm_exec_sessions.
func (i *Instance) sysSessions() Relation {
	rel := &staticRelation{cols: sysSessionsColumns()}
	for _, s := range i.Sessions() {
		rel.rows = append(rel.rows, Row{int64(s.SessionID), s.LoginTime, s.HostName, s.ProgramName,
			int64(s.ClientPID), s.LoginName, s.Status, s.LastBatch, s.LastBatch, true,
			i.databaseID(s.Database), int64(s.TranCount)})
	}
	return rel
}

// databaseID returns a database's id as a row value, or NULL.
func (i *Instance) databaseID(name string) any {
	if db, err := i.lookup(name); err == nil {
		return int64(db.Info().ID)
	}
	return nil
}

// SpWho2 returns the sp_who2 result set: SPID, Status, Login, HostName,
// BlkBy, DBName, Command, CPUTime, DiskIO, LastBatch, ProgramName, SPID,
// REQUESTID.
func (i *Instance) SpWho2() Relation {
	rel := &staticRelation{cols: sqlColumns(colVarChar("SPID", 5, false), colVarChar("Status", 30, false),
		colNVarChar("Login", 128, false), colNVarChar("HostName", 128, false), colVarChar("BlkBy", 5, false),
		colNVarChar("DBName", 128, true), colVarChar("Command", 16, false), colInt("CPUTime", false),
		colBigInt("DiskIO", false), colVarChar("LastBatch", 14, false), colNVarChar("ProgramName", 128, false),
		colVarChar("SPID", 5, false), colInt("REQUESTID", false))}
	for _, s := range i.Sessions() {
		spid := itoa(int64(s.SessionID))
		status, command := "sleeping", "AWAITING COMMAND"
		if s.Status == "running" {
			status, command = "RUNNABLE", "SELECT"
		}
		rel.rows = append(rel.rows, Row{spid, status, s.LoginName, orDot(s.HostName), "  .", s.Database, command,
			int64(0), int64(0), s.LastBatch.Format("01/02 15:04:05"), s.ProgramName, spid, int64(0)})
	}
	return rel
}

// orDot returns s, or "  ." for an empty value as sp_who2 prints it.
func orDot(s string) string {
	if s == "" {
		return "  ."
	}
	return s
}

// sysMirroringColumns are all documented sys.database_mirroring columns.
func sysMirroringColumns() []sqltype.Column {
	return sqlColumns(colInt("database_id", false), colGUID("mirroring_guid", true),
		colTinyInt("mirroring_state", true), colNVarChar("mirroring_state_desc", 60, true),
		colTinyInt("mirroring_role", true), colNVarChar("mirroring_role_desc", 60, true),
		colInt("mirroring_role_sequence", true), colTinyInt("mirroring_safety_level", true),
		colNVarChar("mirroring_safety_level_desc", 60, true), colInt("mirroring_safety_sequence", true),
		colNVarChar("mirroring_partner_name", 128, true), colNVarChar("mirroring_partner_instance", 128, true),
		colNVarChar("mirroring_witness_name", 128, true), colTinyInt("mirroring_witness_state", true),
		colNVarChar("mirroring_witness_state_desc", 60, true), colNumeric("mirroring_failover_lsn", 25, true),
		colInt("mirroring_connection_timeout", true), colInt("mirroring_redo_queue", true),
		colNVarChar("mirroring_redo_queue_type", 60, true), colNumeric("mirroring_end_of_log_lsn", 25, true),
		colNumeric("mirroring_replication_lsn", 25, true))
}

// sysMirroring materializes sys.database_mirroring: one row per database,
// the mirroring columns NULL when it is not mirrored or not shown.
func (i *Instance) sysMirroring() Relation {
	rel := &staticRelation{cols: sysMirroringColumns()}
	for _, db := range i.allDatabases() {
		in := db.Info()
		row := make(Row, len(rel.cols))
		row[0] = int64(in.ID)
		if m := i.liveMirroring(in.Name, in.Mirroring); m != nil && mirroringShown(in.State, m) {
			fillMirroringRow(row, m)
		}
		rel.rows = append(rel.rows, row)
	}
	return rel
}

// mirroringShown reports whether sys.database_mirroring shows the
// mirroring columns of a database in state st. The view's page: "If the
// database is not ONLINE or database mirroring is not enabled, the values
// of all columns except database_id will be NULL", except on a mirror
// database, whose values a sysadmin sees ("To see non-NULL values on a
// mirror database, you must be a member of the sysadmin fixed server
// role"; the lab's only login is sa). A principal that lost quorum
// (RECOVERING) keeps its row, as Management Studio's "Principal,
// Disconnected / In Recovery" shows.
func mirroringShown(st DatabaseState, m *Mirroring) bool {
	switch {
	case st == StateOnline:
		return true
	case m.Role == MirrorRoleMirror:
		return st == StateRestoring
	}
	return m.Role == MirrorRolePrincipal && st == StateRecovering
}

// fillMirroringRow sets the mirroring columns of a sys.database_mirroring
// row.
func fillMirroringRow(row Row, m *Mirroring) {
	var queue, queueType any = nil, "UNLIMITED"
	if m.RedoQueueLimited {
		queue, queueType = int64(m.RedoQueueMB), "MB"
	}
	copy(row[1:], Row{m.GUID, int64(m.State), MirroringStateDesc(m.State), int64(m.Role), m.roleDesc(),
		int64(m.RoleSequence), int64(m.SafetyLevel), m.safetyDesc(), int64(m.SafetySequence), m.PartnerName,
		m.PartnerInstance, m.WitnessName, int64(m.WitnessState), m.witnessDesc(), m.FailoverLSN.Decimal(),
		int64(m.ConnectionTimeout), queue, queueType, m.EndOfLogLSN.Decimal(), m.ReplicationLSN.Decimal()})
}
