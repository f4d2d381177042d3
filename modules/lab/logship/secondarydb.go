package logship

import (
	"context"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// secondaryDatabaseProcedures returns
// sp_add_log_shipping_secondary_database and
// sp_delete_log_shipping_secondary_database (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-add-log-shipping-secondary-database,
// sp-delete-log-shipping-secondary-database).
func secondaryDatabaseProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_add_log_shipping_secondary_database", Database: "master", Run: addSecondaryDatabase, Params: []agent.Param{
			req("@secondary_database", sysname), req("@primary_server", sysname), req("@primary_database", sysname),
			p("@restore_delay", intT, int64(0)), p("@restore_all", bitT, true), p("@restore_mode", bitT, false),
			p("@disconnect_users", bitT, false), p("@block_size", intT, int64(-1)), p("@buffer_count", intT, int64(-1)),
			p("@max_transfer_size", intT, nil), p("@restore_threshold", intT, int64(45)),
			p("@threshold_alert", intT, int64(14420)), p("@threshold_alert_enabled", bitT, true),
			p("@history_retention_period", intT, nil), p("@overwrite", bitT, false),
			p("@ignoreremotemonitor", bitT, false)}},
		{Name: "sp_delete_log_shipping_secondary_database", Database: "master", Run: deleteSecondaryDatabase,
			Params: []agent.Param{req("@secondary_database", sysname), p("@ignoreremotemonitor", bitT, false)}},
	}
}

// addSecondaryDatabase is sp_add_log_shipping_secondary_database: 32023
// when sp_add_log_shipping_secondary_primary has not registered the
// primary, 32013 when the database is already a secondary (unless
// @overwrite = 1). It adds the log_shipping_secondary_databases and
// local log_shipping_monitor_secondary rows.
func addSecondaryDatabase(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	ps, pd, sd := c.String("@primary_server"), c.String("@primary_database"), c.String("@secondary_database")
	prim, err := secondaryPrimaryRow(st, ps, pd)
	if err == nil && prim == nil {
		err = engine.Raise(32023, ps, pd)
	}
	if err != nil {
		return 1, err
	}
	old, err := st.First("log_shipping_secondary_databases", eqFold("secondary_database", sd))
	if err == nil && old != nil && !c.Bool("@overwrite") {
		err = engine.Raise(32013, sd)
	}
	if err != nil {
		return 1, err
	}
	err = st.InTransaction(func() error {
		if err := removeSecondaryDatabaseRows(st, sd); err != nil {
			return err
		}
		return insertSecondaryDatabase(st, c, prim)
	})
	wake(c)
	return status(err)
}

// insertSecondaryDatabase writes the configuration and monitor rows.
func insertSecondaryDatabase(st agent.Store, c *agent.Call, prim agent.Rec) error {
	id, sd := prim.GUID("secondary_id"), c.String("@secondary_database")
	err := st.Insert("log_shipping_secondary_databases", agent.Rec{"secondary_database": sd, "secondary_id": id,
		"restore_delay": c.Int("@restore_delay"), "restore_all": c.Bool("@restore_all"),
		"restore_mode": c.Bool("@restore_mode"), "disconnect_users": c.Bool("@disconnect_users"),
		"block_size": c.Int("@block_size"), "buffer_count": c.Int("@buffer_count"),
		"max_transfer_size": c.Value("@max_transfer_size")})
	if err != nil {
		return err
	}
	return st.Insert("log_shipping_monitor_secondary", agent.Rec{"secondary_server": c.Instance.Name(),
		"secondary_database": sd, "secondary_id": id, "primary_server": prim.Str("primary_server"),
		"primary_database": prim.Str("primary_database"), "restore_threshold": c.Int("@restore_threshold"),
		"threshold_alert": c.Int("@threshold_alert"), "threshold_alert_enabled": c.Bool("@threshold_alert_enabled"),
		"history_retention_period": retention(c, "@history_retention_period")})
}

// deleteSecondaryDatabase is sp_delete_log_shipping_secondary_database:
// 32014 when the database is not a secondary. When no other secondary
// database shares its secondary id, the primary registration and the
// copy and restore jobs go too (as sp_delete_log_shipping_secondary_primary).
func deleteSecondaryDatabase(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	sd := c.String("@secondary_database")
	row, err := secondaryDatabaseRow(st, sd)
	if err != nil {
		return 1, err
	}
	err = st.InTransaction(func() error {
		if err := removeSecondaryDatabaseRows(st, sd); err != nil {
			return err
		}
		id := row.GUID("secondary_id")
		rest, err := st.Select("log_shipping_secondary_databases", byGUID("secondary_id", id))
		if err != nil || len(rest) > 0 {
			return err
		}
		prim, err := st.First("log_shipping_secondary", byGUID("secondary_id", id))
		if err != nil || prim == nil {
			return err
		}
		return removeSecondaryPrimary(st, prim)
	})
	wake(c)
	return status(err)
}

// removeSecondaryDatabaseRows deletes a secondary database's rows and
// restore history.
func removeSecondaryDatabaseRows(st agent.Store, sd string) error {
	for _, t := range []string{"log_shipping_secondary_databases", "log_shipping_monitor_secondary"} {
		if _, err := st.Delete(t, eqFold("secondary_database", sd)); err != nil {
			return err
		}
	}
	for _, t := range []string{"log_shipping_monitor_history_detail", "log_shipping_monitor_error_detail"} {
		if _, err := st.Delete(t, func(r agent.Rec) bool {
			return r.Int("agent_type") == agentRestore && eqFold("database_name", sd)(r)
		}); err != nil {
			return err
		}
	}
	return nil
}

// secondaryDatabaseRow returns the log_shipping_secondary_databases row
// of sd or 32014.
func secondaryDatabaseRow(st agent.Store, sd string) (agent.Rec, error) {
	row, err := st.First("log_shipping_secondary_databases", eqFold("secondary_database", sd))
	if err == nil && row == nil {
		err = engine.Raise(32014, sd)
	}
	return row, err
}
