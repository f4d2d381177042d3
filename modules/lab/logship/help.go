package logship

import (
	"context"
	"strings"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// helpProcedures returns the sp_help_log_shipping_* configuration
// procedures (MicrosoftDocs/sql-docs system-stored-procedures/
// sp-help-log-shipping-primary-database, -primary-secondary,
// -secondary-primary, -secondary-database).
func helpProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_help_log_shipping_primary_database", Database: "master", Run: helpPrimary,
			Params: []agent.Param{p("@database", sysname, nil), p("@primary_id", guidT, nil)}},
		{Name: "sp_help_log_shipping_primary_secondary", Database: "master", Run: helpPrimarySecondary,
			Params: []agent.Param{req("@primary_database", sysname)}},
		{Name: "sp_help_log_shipping_secondary_primary", Database: "master", Run: helpSecondaryPrimary,
			Params: []agent.Param{req("@primary_server", sysname), req("@primary_database", sysname)}},
		{Name: "sp_help_log_shipping_secondary_database", Database: "master", Run: helpSecondaryDatabase,
			Params: []agent.Param{p("@secondary_database", sysname, nil), p("@secondary_id", guidT, nil)}},
	}
}

// columns builds result columns from DefineTable column specifications.
func columns(specs ...string) []sqltype.Column {
	def := agent.DefineTable("result", nil, specs...)
	out := make([]sqltype.Column, len(def.Columns))
	for k, c := range def.Columns {
		out[k] = c.Column
	}
	return out
}

// project returns the values of cols (by name) from merged records.
func project(cols []sqltype.Column, recs ...agent.Rec) []any {
	row := make([]any, len(cols))
	for k, c := range cols {
		name := strings.ToLower(c.Name)
		for _, r := range recs {
			if v, ok := r[name]; ok && v != nil {
				row[k] = v
				break
			}
		}
	}
	return row
}

// helpPrimary is sp_help_log_shipping_primary_database (32010 when not a
// primary; @database or @primary_id).
func helpPrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	id, byID := c.GUID("@primary_id")
	row, err := st.First("log_shipping_primary_databases", func(r agent.Rec) bool {
		return byID && r.GUID("primary_id") == id || !byID && strings.EqualFold(r.Str("primary_database"), c.String("@database"))
	})
	if err == nil && row == nil {
		err = engine.Raise(32010, c.String("@database"))
	}
	if err != nil {
		return 1, err
	}
	mon, _ := st.First("log_shipping_monitor_primary", byGUID("primary_id", row.GUID("primary_id")))
	cols := columns("primary_id uniqueidentifier", "primary_database sysname", "backup_directory nvarchar(500)",
		"backup_share nvarchar(500)", "backup_retention_period int", "backup_compression tinyint",
		"backup_job_id uniqueidentifier", "monitor_server sysname", "monitor_server_security_mode bit",
		"backup_threshold int", "threshold_alert int", "threshold_alert_enabled bit", "last_backup_file nvarchar(500)",
		"last_backup_date datetime", "last_backup_date_utc datetime", "history_retention_period int")
	return status(c.Rows(cols, [][]any{project(cols, row, mon)}))
}

// helpPrimarySecondary is sp_help_log_shipping_primary_secondary.
func helpPrimarySecondary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	prim, err := primaryRow(st, c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	rows, err := st.Select("log_shipping_primary_secondaries", byGUID("primary_id", prim.GUID("primary_id")))
	if err != nil {
		return 1, err
	}
	cols := columns("secondary_server sysname", "secondary_database sysname")
	var out [][]any
	for _, r := range rows {
		out = append(out, project(cols, r))
	}
	return status(c.Rows(cols, out))
}

// secondaryColumns is the documented result set of
// sp_help_log_shipping_secondary_primary.
func secondaryColumns() []sqltype.Column {
	return columns("secondary_id uniqueidentifier", "primary_server sysname", "primary_database sysname",
		"backup_source_directory nvarchar(500)", "backup_destination_directory nvarchar(500)",
		"file_retention_period int", "copy_job_id uniqueidentifier", "restore_job_id uniqueidentifier",
		"monitor_server sysname", "monitor_server_security_mode bit")
}

// helpSecondaryPrimary is sp_help_log_shipping_secondary_primary.
func helpSecondaryPrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	row, err := registeredPrimary(st, c.String("@primary_server"), c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	cols := secondaryColumns()
	return status(c.Rows(cols, [][]any{project(cols, row)}))
}

// helpSecondaryDatabase is sp_help_log_shipping_secondary_database: the
// primary settings, database settings and monitor columns of one
// secondary database (or of every database of @secondary_id).
func helpSecondaryDatabase(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	id, byID := c.GUID("@secondary_id")
	dbs, err := st.Select("log_shipping_secondary_databases", func(r agent.Rec) bool {
		return byID && r.GUID("secondary_id") == id || !byID && strings.EqualFold(r.Str("secondary_database"), c.String("@secondary_database"))
	})
	if err == nil && len(dbs) == 0 {
		err = engine.Raise(32014, c.String("@secondary_database"))
	}
	if err != nil {
		return 1, err
	}
	cols := append(secondaryColumns(), columns("secondary_database sysname", "restore_delay int", "restore_all bit",
		"restore_mode bit", "disconnect_users bit", "block_size int", "buffer_count int", "max_transfer_size int",
		"restore_threshold int", "threshold_alert int", "threshold_alert_enabled bit", "last_copied_file nvarchar(500)",
		"last_copied_date datetime", "last_copied_date_utc datetime", "last_restored_file nvarchar(500)",
		"last_restored_date datetime", "last_restored_date_utc datetime", "history_retention_period int",
		"last_restored_latency int")...)
	var out [][]any
	for _, d := range dbs {
		sec, _ := st.First("log_shipping_secondary", byGUID("secondary_id", d.GUID("secondary_id")))
		mon, _ := st.First("log_shipping_monitor_secondary", eqFold("secondary_database", d.Str("secondary_database")))
		out = append(out, project(cols, d, mon, sec))
	}
	return status(c.Rows(cols, out))
}
