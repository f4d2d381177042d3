package logship

import (
	"context"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// primaryProcedures returns sp_add_log_shipping_primary_database and
// sp_delete_log_shipping_primary_database (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-add-log-shipping-primary-database,
// sp-delete-log-shipping-primary-database).
func primaryProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_add_log_shipping_primary_database", Database: "master", Run: addPrimary, Params: []agent.Param{
			req("@database", sysname), req("@backup_directory", nvarc), req("@backup_share", nvarc),
			req("@backup_job_name", sysname), req("@backup_retention_period", intT), p("@monitor_server", sysname, nil),
			p("@monitor_server_security_mode", bitT, true), p("@monitor_server_login", sysname, nil),
			p("@monitor_server_password", sysname, nil), p("@backup_threshold", intT, int64(60)),
			p("@threshold_alert", intT, int64(14420)), p("@threshold_alert_enabled", bitT, false),
			p("@history_retention_period", intT, nil), out("@backup_job_id", guidT), out("@primary_id", guidT),
			p("@backup_compression", tinyT, int64(2)), p("@overwrite", bitT, false),
			p("@ignoreremotemonitor", bitT, false), p("@primary_connection_options", nvarc, nil),
			p("@monitor_connection_options", nvarc, nil)}},
		{Name: "sp_delete_log_shipping_primary_database", Database: "master", Run: deletePrimary, Params: []agent.Param{
			req("@database", sysname), p("@ignoreremotemonitor", bitT, false)}},
	}
}

// addPrimary is sp_add_log_shipping_primary_database: it generates the
// primary id, adds the log_shipping_primary_databases row, creates the
// backup job disabled and adds the local monitor row. 32009 when the
// database is already a primary (unless @overwrite = 1), 32015 under
// SIMPLE recovery.
func addPrimary(ctx context.Context, c *agent.Call) (int, error) {
	if err := notEmpty(c, "@database", "@backup_directory", "@backup_share", "@backup_job_name"); err != nil {
		return 1, err
	}
	db := c.String("@database")
	info, err := databaseInfo(c.Instance, db)
	if err != nil {
		return 1, err
	}
	if info.RecoveryModel == sqldb.RecoverySimple {
		return 1, engine.Raise(32015, db)
	}
	st, done := c.Store(ctx)
	defer done()
	var ids [2][16]byte
	err = st.InTransaction(func() error {
		var err error
		ids, err = insertPrimary(st, c, info.Name)
		return err
	})
	if err != nil {
		return 1, err
	}
	c.SetOutput("@backup_job_id", ids[0])
	c.SetOutput("@primary_id", ids[1])
	wake(c)
	return 0, nil
}

// insertPrimary writes the primary's rows and backup job; it returns the
// backup job id and the primary id.
func insertPrimary(st agent.Store, c *agent.Call, db string) ([2][16]byte, error) {
	old, err := st.First("log_shipping_primary_databases", eqFold("primary_database", db))
	if err != nil {
		return [2][16]byte{}, err
	}
	if old != nil {
		if !c.Bool("@overwrite") {
			return [2][16]byte{}, engine.Raise(32009, db)
		}
		if err := removePrimary(st, old); err != nil {
			return [2][16]byte{}, err
		}
	}
	server, t := c.Instance.Name(), now(c)
	primaryID := [16]byte(uuid.New())
	jobID, err := createJob(st, server, lsJob{name: c.String("@backup_job_name"), description: text(32001, server+"."+db),
		stepName: text(32004), subsystem: "CmdExec", command: agentCommand("Backup", primaryID, server)}, t)
	if err != nil {
		return [2][16]byte{}, err
	}
	monitor, userMonitor := c.String("@monitor_server"), true
	if monitor == "" {
		monitor, userMonitor = server, false
	}
	err = st.Insert("log_shipping_primary_databases", agent.Rec{"primary_id": primaryID, "primary_database": db,
		"backup_directory": c.String("@backup_directory"), "backup_share": c.String("@backup_share"),
		"backup_retention_period": c.Int("@backup_retention_period"), "backup_job_id": jobID,
		"monitor_server": monitor, "monitor_server_security_mode": c.Bool("@monitor_server_security_mode"),
		"user_specified_monitor": userMonitor, "backup_compression": c.Int("@backup_compression")})
	if err == nil {
		err = st.Insert("log_shipping_monitor_primary", agent.Rec{"primary_id": primaryID, "primary_server": server,
			"primary_database": db, "backup_threshold": c.Int("@backup_threshold"),
			"threshold_alert": c.Int("@threshold_alert"), "threshold_alert_enabled": c.Bool("@threshold_alert_enabled"),
			"history_retention_period": retention(c, "@history_retention_period")})
	}
	return [2][16]byte{jobID, primaryID}, err
}

// deletePrimary is sp_delete_log_shipping_primary_database: 32010 when
// the database is not a primary, 32011 while secondaries are registered;
// otherwise the backup job, the primary and monitor rows and the history
// go.
func deletePrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	db := c.String("@database")
	row, err := st.First("log_shipping_primary_databases", eqFold("primary_database", db))
	if err == nil && row == nil {
		err = engine.Raise(32010, db)
	}
	if err != nil {
		return 1, err
	}
	secs, err := st.Select("log_shipping_primary_secondaries", byGUID("primary_id", row.GUID("primary_id")))
	if err == nil && len(secs) > 0 {
		err = engine.Raise(32011, db)
	}
	if err == nil {
		err = st.InTransaction(func() error { return removePrimary(st, row) })
	}
	wake(c)
	return status(err)
}

// removePrimary deletes a primary's job, rows and history.
func removePrimary(st agent.Store, row agent.Rec) error {
	id := row.GUID("primary_id")
	if err := deleteJob(st, row["backup_job_id"]); err != nil {
		return err
	}
	for _, t := range []string{"log_shipping_primary_secondaries", "log_shipping_primary_databases", "log_shipping_monitor_primary"} {
		if _, err := st.Delete(t, byGUID("primary_id", id)); err != nil {
			return err
		}
	}
	for _, t := range []string{"log_shipping_monitor_history_detail", "log_shipping_monitor_error_detail"} {
		if _, err := st.Delete(t, func(r agent.Rec) bool { return r.GUID("agent_id") == id && r.Int("agent_type") == agentBackup }); err != nil {
			return err
		}
	}
	return nil
}
