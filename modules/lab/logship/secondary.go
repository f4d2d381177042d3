package logship

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// secondaryPrimaryProcedures returns sp_add_log_shipping_secondary_primary
// and sp_delete_log_shipping_secondary_primary (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-add-log-shipping-secondary-primary,
// sp-delete-log-shipping-secondary-primary).
func secondaryPrimaryProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_add_log_shipping_secondary_primary", Database: "master", Run: addSecondaryPrimary, Params: []agent.Param{
			req("@primary_server", sysname), req("@primary_database", sysname), req("@backup_source_directory", nvarc),
			req("@backup_destination_directory", nvarc), req("@copy_job_name", sysname), req("@restore_job_name", sysname),
			p("@file_retention_period", intT, nil), p("@monitor_server", sysname, nil),
			p("@monitor_server_security_mode", bitT, true), p("@monitor_server_login", sysname, nil),
			p("@monitor_server_password", sysname, nil), out("@copy_job_id", guidT), out("@restore_job_id", guidT),
			out("@secondary_id", guidT), p("@overwrite", bitT, false), p("@ignoreremotemonitor", bitT, false),
			p("@secondary_connection_options", nvarc, nil), p("@monitor_connection_options", nvarc, nil)}},
		{Name: "sp_delete_log_shipping_secondary_primary", Database: "master", Run: deleteSecondaryPrimary,
			Params: []agent.Param{req("@primary_server", sysname), req("@primary_database", sysname)}},
	}
}

// addSecondaryPrimary is sp_add_log_shipping_secondary_primary: it
// generates the secondary id, adds the log_shipping_secondary row and
// creates the copy and restore jobs disabled. 32024 when the primary is
// already registered (unless @overwrite = 1).
func addSecondaryPrimary(ctx context.Context, c *agent.Call) (int, error) {
	if err := notEmpty(c, "@primary_server", "@primary_database", "@backup_source_directory",
		"@backup_destination_directory", "@copy_job_name", "@restore_job_name"); err != nil {
		return 1, err
	}
	st, done := c.Store(ctx)
	defer done()
	var ids [3][16]byte
	err := st.InTransaction(func() error {
		var err error
		ids, err = insertSecondaryPrimary(st, c)
		return err
	})
	if err != nil {
		return 1, err
	}
	c.SetOutput("@copy_job_id", ids[0])
	c.SetOutput("@restore_job_id", ids[1])
	c.SetOutput("@secondary_id", ids[2])
	wake(c)
	return 0, nil
}

// insertSecondaryPrimary writes the row and jobs; it returns the copy
// job, restore job and secondary ids.
func insertSecondaryPrimary(st agent.Store, c *agent.Call) ([3][16]byte, error) {
	ps, pd := c.String("@primary_server"), c.String("@primary_database")
	old, err := secondaryPrimaryRow(st, ps, pd)
	if err != nil {
		return [3][16]byte{}, err
	}
	if old != nil {
		if !c.Bool("@overwrite") {
			return [3][16]byte{}, engine.Raise(32024, ps, pd)
		}
		if err := removeSecondaryPrimary(st, old); err != nil {
			return [3][16]byte{}, err
		}
	}
	server, t, id := c.Instance.Name(), now(c), [16]byte(uuid.New())
	copyID, err := createJob(st, server, lsJob{name: c.String("@copy_job_name"), description: text(32002, ps, pd),
		stepName: text(32005), subsystem: "CmdExec", command: agentCommand("Copy", id, server)}, t)
	if err != nil {
		return [3][16]byte{}, err
	}
	restoreID, err := createJob(st, server, lsJob{name: c.String("@restore_job_name"), description: text(32003, ps, pd),
		stepName: text(32006), subsystem: "CmdExec", command: agentCommand("Restore", id, server)}, t)
	if err != nil {
		return [3][16]byte{}, err
	}
	monitor := c.String("@monitor_server")
	if monitor == "" {
		monitor = server
	}
	err = st.Insert("log_shipping_secondary", agent.Rec{"secondary_id": id, "primary_server": ps, "primary_database": pd,
		"backup_source_directory":      c.String("@backup_source_directory"),
		"backup_destination_directory": c.String("@backup_destination_directory"),
		"file_retention_period":        retention(c, "@file_retention_period"), "copy_job_id": copyID, "restore_job_id": restoreID,
		"monitor_server": monitor, "monitor_server_security_mode": c.Bool("@monitor_server_security_mode")})
	return [3][16]byte{copyID, restoreID, id}, err
}

// deleteSecondaryPrimary is sp_delete_log_shipping_secondary_primary:
// 32023 when the primary is not registered, 32025 while secondary
// databases use it; otherwise its jobs and row go.
func deleteSecondaryPrimary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	row, err := registeredPrimary(st, c.String("@primary_server"), c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	dbs, err := st.Select("log_shipping_secondary_databases", byGUID("secondary_id", row.GUID("secondary_id")))
	if err == nil && len(dbs) > 0 {
		err = engine.Raise(32025, row.Str("primary_server"), row.Str("primary_database"))
	}
	if err == nil {
		err = st.InTransaction(func() error { return removeSecondaryPrimary(st, row) })
	}
	wake(c)
	return status(err)
}

// secondaryPrimaryRow returns the log_shipping_secondary row of a
// primary, or nil.
func secondaryPrimaryRow(st agent.Store, server, db string) (agent.Rec, error) {
	return st.First("log_shipping_secondary", func(r agent.Rec) bool {
		return strings.EqualFold(r.Str("primary_server"), server) && strings.EqualFold(r.Str("primary_database"), db)
	})
}

// removeSecondaryPrimary deletes the copy and restore jobs, the row and
// the copy history of a secondary id.
func removeSecondaryPrimary(st agent.Store, row agent.Rec) error {
	for _, j := range []string{"copy_job_id", "restore_job_id"} {
		if err := deleteJob(st, row[j]); err != nil {
			return err
		}
	}
	id := row.GUID("secondary_id")
	if _, err := st.Delete("log_shipping_secondary", byGUID("secondary_id", id)); err != nil {
		return err
	}
	for _, t := range []string{"log_shipping_monitor_history_detail", "log_shipping_monitor_error_detail"} {
		if _, err := st.Delete(t, func(r agent.Rec) bool { return r.GUID("agent_id") == id }); err != nil {
			return err
		}
	}
	return nil
}

// registeredPrimary returns the log_shipping_secondary row of a primary
// or 32023.
func registeredPrimary(st agent.Store, server, db string) (agent.Rec, error) {
	row, err := secondaryPrimaryRow(st, server, db)
	if err == nil && row == nil {
		err = engine.Raise(32023, server, db)
	}
	return row, err
}
