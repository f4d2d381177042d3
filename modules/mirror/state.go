package mirror

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// The reads the module makes. They run under -WhatIf too: reading is not
// a change, and the plan -WhatIf prints must be the one a real run makes.
const (
	qServer = "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS version, " +
		"CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, @@SERVERNAME AS server_name"
	qDatabase = "SELECT d.name, d.state_desc, d.recovery_model_desc, d.is_read_only, m.mirroring_guid, m.mirroring_role_desc, " +
		"m.mirroring_state_desc, m.mirroring_safety_level_desc, m.mirroring_partner_name, m.mirroring_partner_instance, " +
		"m.mirroring_witness_name, m.mirroring_witness_state_desc, m.mirroring_failover_lsn, m.mirroring_end_of_log_lsn, " +
		"m.mirroring_replication_lsn, m.mirroring_role_sequence, m.mirroring_connection_timeout " +
		"FROM sys.databases AS d LEFT JOIN sys.database_mirroring AS m ON m.database_id = d.database_id WHERE d.name = @name"
	qMirrored = "SELECT d.name FROM sys.databases AS d JOIN sys.database_mirroring AS m ON m.database_id = d.database_id " +
		"WHERE m.mirroring_guid IS NOT NULL ORDER BY d.name"
	qEndpoint = "SELECT e.name, e.state_desc, e.role_desc, t.port FROM sys.database_mirroring_endpoints AS e " +
		"JOIN sys.tcp_endpoints AS t ON t.endpoint_id = e.endpoint_id"
	qQueues = "SELECT RTRIM(counter_name) AS counter_name, cntr_value FROM sys.dm_os_performance_counters " +
		"WHERE object_name LIKE N'%Database Mirroring%' AND RTRIM(instance_name) = @name " +
		"AND RTRIM(counter_name) IN (N'Log Send Queue KB', N'Redo Queue KB')"
	// qLogChain counts conventional full and log backups taken on this
	// instance: a copy-only full backup does not start a log backup chain
	// (BACKUP LOG would fail with 4214), and a mirror needs a log backup
	// restored (1478). RESTORE writes the backup sets it restores into the
	// restoring instance's msdb under the server that took them, so a
	// database recovered from log shipping (R3) shows the primary's
	// history: it counts for nothing here, and its seed starts the chain.
	//
	// Only backups taken since the database was last restored count: a
	// RESTORE … WITH REPLACE (the failback, R4) starts a new chain, and
	// the backups this instance took of the database it overwrote belong
	// to the old one.
	qLogChain = "SELECT (SELECT COUNT(*) FROM msdb.dbo.backupset WHERE database_name = @name AND type = 'D' AND is_copy_only = 0 " +
		"AND server_name = @@SERVERNAME AND backup_start_date >= " + qLastRestore + ") AS full_backups, " +
		"(SELECT COUNT(*) FROM msdb.dbo.backupset WHERE database_name = @name AND type = 'L' AND is_copy_only = 0 " +
		"AND server_name = @@SERVERNAME AND backup_start_date >= " + qLastRestore + ") AS log_backups"
	// qLastRestore is when the database was last restored on this
	// instance, or 1900 when it never was.
	qLastRestore = "COALESCE((SELECT MAX(restore_date) FROM msdb.dbo.restorehistory WHERE destination_database_name = @name), " +
		"CAST('19000101' AS datetime))"
	qFiles = "SELECT name, physical_name, type_desc FROM sys.master_files WHERE database_id = DB_ID(@name) ORDER BY file_id"
)

// serverInfo is what SERVERPROPERTY says about an instance.
type serverInfo struct {
	Version, Edition, ServerName string
}

// Major is the major version: 10 for 2008 and 2008 R2, 11 for 2012.
func (s serverInfo) Major() string { v, _, _ := strings.Cut(s.Version, "."); return v }

// MajorMinor is 10.50 for 2008 R2, which the major version alone cannot
// tell from 2008.
func (s serverInfo) MajorMinor() string {
	parts := strings.SplitN(s.Version, ".", 3)
	if len(parts) < 2 {
		return s.Version
	}
	return parts[0] + "." + parts[1]
}

// EditionName is the edition without "(64-bit)": "Enterprise Edition".
func (s serverInfo) EditionName() string {
	e, _, _ := strings.Cut(s.Edition, "(")
	return strings.TrimSpace(e)
}

// dbState is a database and its row of sys.database_mirroring.
type dbState struct {
	Name, State, Recovery                    string
	Exists, Mirrored, ReadOnly               bool
	Role, MirrorState, Safety                string
	Partner, PartnerInstance                 string
	Witness, WitnessState                    string
	FailoverLSN, EndOfLogLSN, ReplicationLSN string
	RoleSequence, Timeout                    int64
	Assumed                                  bool // not read: the instance was unreachable under -WhatIf
	NoLogChain                               bool // no conventional full backup yet: the seed must start the chain
	NoLogBackups                             bool // no conventional log backup yet: nobody's chain to keep intact
}

// endpointState is the instance's database mirroring endpoint.
type endpointState struct {
	Exists            bool
	Name, State, Role string
	Port              int
}

// readServer reads version and edition.
func readServer(ctx *cmdlet.Context, s SQL) (serverInfo, error) {
	res, err := s.Query(ctx, qServer)
	if err != nil {
		return serverInfo{}, err
	}
	r := firstRow(res)
	return serverInfo{Version: text(r["version"]), Edition: text(r["edition"]), ServerName: text(r["server_name"])}, nil
}

// readDatabase reads one database and its mirroring row.
func readDatabase(ctx *cmdlet.Context, s SQL, db string) (dbState, error) {
	res, err := s.Query(ctx, qDatabase, sql.Named("name", db))
	if err != nil {
		return dbState{}, err
	}
	r := firstRow(res)
	if r == nil {
		return dbState{Name: db}, nil
	}
	return dbState{Name: db, Exists: true, State: text(r["state_desc"]), Recovery: text(r["recovery_model_desc"]),
		ReadOnly: r["is_read_only"] == true || number(r["is_read_only"]) == 1,
		Mirrored: r["mirroring_guid"] != nil, Role: text(r["mirroring_role_desc"]), MirrorState: text(r["mirroring_state_desc"]),
		Safety: text(r["mirroring_safety_level_desc"]), Partner: text(r["mirroring_partner_name"]),
		PartnerInstance: text(r["mirroring_partner_instance"]), Witness: text(r["mirroring_witness_name"]),
		WitnessState: text(r["mirroring_witness_state_desc"]), FailoverLSN: text(r["mirroring_failover_lsn"]),
		EndOfLogLSN: text(r["mirroring_end_of_log_lsn"]), ReplicationLSN: text(r["mirroring_replication_lsn"]),
		RoleSequence: number(r["mirroring_role_sequence"]), Timeout: number(r["mirroring_connection_timeout"])}, nil
}

// readMirrored lists the instance's mirrored databases.
func readMirrored(ctx *cmdlet.Context, s SQL) ([]string, error) {
	res, err := s.Query(ctx, qMirrored)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range rowsOf(res) {
		out = append(out, text(r["name"]))
	}
	return out, nil
}

// readEndpoint reads the mirroring endpoint; an instance has at most one.
func readEndpoint(ctx *cmdlet.Context, s SQL) (endpointState, error) {
	res, err := s.Query(ctx, qEndpoint)
	if err != nil {
		return endpointState{}, err
	}
	r := firstRow(res)
	if r == nil {
		return endpointState{}, nil
	}
	return endpointState{Exists: true, Name: text(r["name"]), State: text(r["state_desc"]), Role: text(r["role_desc"]),
		Port: int(number(r["port"]))}, nil
}

// queues reads the send and redo queues (KB) from the Database Mirroring
// performance counters; nil where the instance does not have them.
func readQueues(ctx *cmdlet.Context, s SQL, db string) (send, redo any) {
	res, err := s.Query(ctx, qQueues, sql.Named("name", db))
	if err != nil {
		ctx.WriteVerbose("The mirroring queues of %s on %s are unknown: %v", db, s.Name(), err)
		return nil, nil
	}
	for _, r := range rowsOf(res) {
		switch text(r["counter_name"]) {
		case "Log Send Queue KB":
			send = number(r["cntr_value"])
		case "Redo Queue KB":
			redo = number(r["cntr_value"])
		}
	}
	return send, redo
}

// readFiles reads a database's files: logical name, path and type (ROWS
// or LOG).
func readFiles(ctx *cmdlet.Context, s SQL, db string) ([][3]string, error) {
	res, err := s.Query(ctx, qFiles, sql.Named("name", db))
	if err != nil {
		return nil, err
	}
	var out [][3]string
	for _, r := range rowsOf(res) {
		out = append(out, [3]string{text(r["name"]), text(r["physical_name"]), text(r["type_desc"])})
	}
	return out, nil
}

// rowsOf returns the first result set's rows keyed by lower-case column.
func rowsOf(res *connection.Result) []map[string]any {
	set := res.First()
	out := make([]map[string]any, 0, len(set.Rows))
	for _, row := range set.Rows {
		m := make(map[string]any, len(row))
		for i, c := range set.Columns {
			m[strings.ToLower(c)] = row[i]
		}
		out = append(out, m)
	}
	return out
}

func firstRow(res *connection.Result) map[string]any {
	if rows := rowsOf(res); len(rows) > 0 {
		return rows[0]
	}
	return nil
}

// text renders a column value; NULL is "".
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// number converts a column value to an integer; NULL and text that is not
// a number are 0.
func number(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case float64:
		return int64(x)
	}
	n, _ := strconv.ParseInt(text(v), 10, 64)
	return n
}

// readLogChain reports whether the database's log backup chain has been
// started (a conventional full backup in msdb's history) and whether any
// conventional log backup was taken since.
func readLogChain(ctx *cmdlet.Context, s SQL, db string) (started, logBackups bool, err error) {
	res, err := s.Query(ctx, qLogChain, sql.Named("name", db))
	if err != nil {
		return false, false, err
	}
	r := firstRow(res)
	if r == nil {
		return false, false, nil
	}
	return number(r["full_backups"]) > 0, number(r["log_backups"]) > 0, nil
}
