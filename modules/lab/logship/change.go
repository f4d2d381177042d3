package logship

import (
	"context"

	"pcsh/modules/lab/agent"
)

// changeProcedures returns sp_change_log_shipping_primary_database,
// sp_change_log_shipping_secondary_primary and
// sp_change_log_shipping_secondary_database (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-change-log-shipping-*): each changes only
// the settings supplied.
func changeProcedures() []*agent.Procedure {
	monitor := []agent.Param{p("@monitor_server_security_mode", bitT, nil), p("@monitor_server_login", sysname, nil),
		p("@monitor_server_password", sysname, nil)}
	return []*agent.Procedure{
		{Name: "sp_change_log_shipping_primary_database", Database: "master", Run: changePrimary,
			Params: append(append([]agent.Param{req("@database", sysname), p("@backup_directory", nvarc, nil),
				p("@backup_share", nvarc, nil), p("@backup_retention_period", intT, nil)}, monitor...),
				p("@backup_threshold", intT, nil), p("@threshold_alert", intT, nil),
				p("@threshold_alert_enabled", bitT, nil), p("@history_retention_period", intT, nil),
				p("@backup_compression", tinyT, nil))},
		{Name: "sp_change_log_shipping_secondary_primary", Database: "master", Run: changeSecondaryPrimary,
			Params: append([]agent.Param{req("@primary_server", sysname), req("@primary_database", sysname),
				p("@backup_source_directory", nvarc, nil), p("@backup_destination_directory", nvarc, nil),
				p("@file_retention_period", intT, nil)}, monitor...)},
		{Name: "sp_change_log_shipping_secondary_database", Database: "master", Run: changeSecondaryDatabase,
			Params: []agent.Param{req("@secondary_database", sysname), p("@restore_delay", intT, nil),
				p("@restore_all", bitT, nil), p("@restore_mode", bitT, nil), p("@disconnect_users", bitT, nil),
				p("@block_size", intT, nil), p("@buffer_count", intT, nil), p("@max_transfer_size", intT, nil),
				p("@restore_threshold", intT, nil), p("@threshold_alert", intT, nil),
				p("@threshold_alert_enabled", bitT, nil), p("@history_retention_period", intT, nil)}},
	}
}

// changePrimary is sp_change_log_shipping_primary_database (32010 when
// the database is not a primary).
func changePrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	row, err := primaryRow(st, c.String("@database"))
	if err != nil {
		return 1, err
	}
	id := row.GUID("primary_id")
	_, err = st.Update("log_shipping_primary_databases", byGUID("primary_id", id), func(r agent.Rec) {
		changeGiven(c, r, "@backup_directory", "@backup_share", "@backup_retention_period",
			"@monitor_server_security_mode", "@backup_compression")
	})
	if err == nil {
		_, err = st.Update("log_shipping_monitor_primary", byGUID("primary_id", id), func(r agent.Rec) {
			changeGiven(c, r, "@backup_threshold", "@threshold_alert", "@threshold_alert_enabled",
				"@history_retention_period")
		})
	}
	return status(err)
}

// changeSecondaryPrimary is sp_change_log_shipping_secondary_primary
// (32023 when the primary is not registered).
func changeSecondaryPrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	row, err := registeredPrimary(st, c.String("@primary_server"), c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	_, err = st.Update("log_shipping_secondary", byGUID("secondary_id", row.GUID("secondary_id")), func(r agent.Rec) {
		changeGiven(c, r, "@backup_source_directory", "@backup_destination_directory", "@file_retention_period",
			"@monitor_server_security_mode")
	})
	return status(err)
}

// changeSecondaryDatabase is sp_change_log_shipping_secondary_database
// (32014 when the database is not a secondary).
func changeSecondaryDatabase(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	sd := c.String("@secondary_database")
	if _, err := secondaryDatabaseRow(st, sd); err != nil {
		return 1, err
	}
	_, err := st.Update("log_shipping_secondary_databases", eqFold("secondary_database", sd), func(r agent.Rec) {
		changeGiven(c, r, "@restore_delay", "@restore_all", "@restore_mode", "@disconnect_users", "@block_size",
			"@buffer_count", "@max_transfer_size")
	})
	if err == nil {
		_, err = st.Update("log_shipping_monitor_secondary", eqFold("secondary_database", sd), func(r agent.Rec) {
			changeGiven(c, r, "@restore_threshold", "@threshold_alert", "@threshold_alert_enabled",
				"@history_retention_period")
		})
	}
	return status(err)
}
