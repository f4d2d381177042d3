package logship

import (
	"context"
	"strings"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// monitorProcedures returns sp_help_log_shipping_monitor,
// sp_help_log_shipping_monitor_primary,
// sp_help_log_shipping_monitor_secondary, sp_refresh_log_shipping_monitor
// and sp_cleanup_log_shipping_history (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-help-log-shipping-monitor …).
func monitorProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_help_log_shipping_monitor", Database: "master", Run: helpMonitor},
		{Name: "sp_help_log_shipping_monitor_primary", Database: "master", Run: helpMonitorPrimary,
			Params: []agent.Param{req("@primary_server", sysname), req("@primary_database", sysname)}},
		{Name: "sp_help_log_shipping_monitor_secondary", Database: "master", Run: helpMonitorSecondary,
			Params: []agent.Param{req("@secondary_server", sysname), req("@secondary_database", sysname)}},
		{Name: "sp_refresh_log_shipping_monitor", Database: "master", Run: refreshMonitor, Params: []agent.Param{
			req("@agent_id", guidT), req("@agent_type", tinyT), p("@database", sysname, nil), p("@mode", tinyT, int64(1))}},
		{Name: "sp_cleanup_log_shipping_history", Database: "master", Run: cleanupProc,
			Params: []agent.Param{req("@agent_id", guidT), req("@agent_type", tinyT)}},
	}
}

// monitorColumns is sp_help_log_shipping_monitor's result set.
func monitorColumns() []sqltype.Column {
	return columns("status bit", "is_primary bit", "server sysname", "database_name sysname",
		"time_since_last_backup int", "last_backup_file nvarchar(500)", "backup_threshold int",
		"is_backup_alert_enabled bit", "time_since_last_copy int", "last_copied_file nvarchar(500)",
		"time_since_last_restore int", "last_restored_file nvarchar(500)", "last_restored_latency int",
		"restore_threshold int", "is_restore_alert_enabled bit")
}

// helpMonitor is sp_help_log_shipping_monitor: one status row per
// primary and secondary database this instance monitors; status 1 when a
// threshold is exceeded.
func helpMonitor(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	t := now(c).UTC()
	prims, err := st.Select("log_shipping_monitor_primary", nil)
	secs, err2 := st.Select("log_shipping_monitor_secondary", nil)
	if err != nil || err2 != nil {
		return 1, firstErr(err, err2)
	}
	var rows [][]any
	for _, r := range prims {
		since := minutesSince(r["last_backup_date_utc"], t)
		rows = append(rows, []any{primaryAlert(r, t) != nil, true, r.Str("primary_server"),
			r.Str("primary_database"), since, r["last_backup_file"], r["backup_threshold"],
			r["threshold_alert_enabled"], nil, nil, nil, nil, nil, nil, nil})
	}
	for _, r := range secs {
		rows = append(rows, []any{secondaryAlert(r, t) != nil, false, r.Str("secondary_server"),
			r.Str("secondary_database"), nil, nil, nil, nil, minutesSince(r["last_copied_date_utc"], t),
			r["last_copied_file"], minutesSince(r["last_restored_date_utc"], t), r["last_restored_file"],
			r["last_restored_latency"], r["restore_threshold"], r["threshold_alert_enabled"]})
	}
	return status(c.Rows(monitorColumns(), rows))
}

// minutesSince returns the whole minutes from a UTC time to t (NULL for
// none).
func minutesSince(v any, t time.Time) any {
	last, ok := v.(time.Time)
	if !ok {
		return nil
	}
	return int64(t.Sub(last) / time.Minute)
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// helpMonitorPrimary is sp_help_log_shipping_monitor_primary: the
// log_shipping_monitor_primary row.
func helpMonitorPrimary(ctx context.Context, c *agent.Call) (int, error) {
	return monitorRows(ctx, c, "log_shipping_monitor_primary", "primary_server", "primary_database")
}

// helpMonitorSecondary is sp_help_log_shipping_monitor_secondary: the
// log_shipping_monitor_secondary row.
func helpMonitorSecondary(ctx context.Context, c *agent.Call) (int, error) {
	return monitorRows(ctx, c, "log_shipping_monitor_secondary", "secondary_server", "secondary_database")
}

// monitorRows writes the rows of a monitor table for a server/database.
func monitorRows(ctx context.Context, c *agent.Call, table, serverCol, dbCol string) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	server, db := c.String("@"+serverCol), c.String("@"+dbCol)
	rows, err := st.Select(table, func(r agent.Rec) bool {
		return strings.EqualFold(r.Str(serverCol), server) && strings.EqualFold(r.Str(dbCol), db)
	})
	if err != nil {
		return 1, err
	}
	def := tableDef(table)
	cols := make([]sqltype.Column, len(def.Columns))
	for k, col := range def.Columns {
		cols[k] = col.Column
	}
	var out [][]any
	for _, r := range rows {
		out = append(out, project(cols, r))
	}
	return status(c.Rows(cols, out))
}

// refreshMonitor is sp_refresh_log_shipping_monitor: the monitor is
// local, so there is nothing to refresh; 32016 for an invalid pair.
func refreshMonitor(ctx context.Context, c *agent.Call) (int, error) {
	if t := c.Int("@agent_type"); t < agentBackup || t > agentRestore {
		id, _ := c.GUID("@agent_id")
		return 1, engine.Raise(32016, guidText(id), t)
	}
	return 0, nil
}

// cleanupProc is sp_cleanup_log_shipping_history: deletes the agent's
// history older than its history_retention_period.
func cleanupProc(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	id, _ := c.GUID("@agent_id")
	typ := c.Int("@agent_type")
	table, col := "log_shipping_monitor_secondary", "secondary_id"
	if typ == agentBackup {
		table, col = "log_shipping_monitor_primary", "primary_id"
	}
	mon, err := st.First(table, byGUID(col, id))
	if err == nil && mon == nil {
		err = engine.Raise(32016, guidText(id), typ)
	}
	if err != nil {
		return 1, err
	}
	cleanupHistory(st, id, typ, mon.Int("history_retention_period"), now(c))
	return 0, nil
}
