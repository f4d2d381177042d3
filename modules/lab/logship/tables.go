package logship

import (
	"context"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// Tables returns the log shipping msdb tables with their documented
// columns in documented order (MicrosoftDocs/sql-docs
// docs/relational-databases/system-tables/log-shipping-*-transact-sql).
// message/source/help_url, nvarchar without a length in the docs, are
// nvarchar(max) (message), nvarchar(4000) and nvarchar(4000).
func Tables() []engine.TableDef {
	d := agent.DefineTable
	return []engine.TableDef{
		d("log_shipping_primary_databases", []string{"primary_id"}, "primary_id uniqueidentifier NOT NULL",
			"primary_database sysname", "backup_directory nvarchar(500)", "backup_share nvarchar(500)",
			"backup_retention_period int", "backup_job_id uniqueidentifier", "monitor_server sysname",
			"monitor_server_security_mode bit", "last_backup_file nvarchar(500)", "last_backup_date datetime",
			"user_specified_monitor bit", "backup_compression tinyint"),
		d("log_shipping_primary_secondaries", nil, "primary_id uniqueidentifier", "secondary_server sysname",
			"secondary_database sysname"),
		d("log_shipping_secondary", []string{"secondary_id"}, "secondary_id uniqueidentifier NOT NULL",
			"primary_server sysname", "primary_database sysname", "backup_source_directory nvarchar(500)",
			"backup_destination_directory nvarchar(500)", "file_retention_period int", "copy_job_id uniqueidentifier",
			"restore_job_id uniqueidentifier", "monitor_server sysname", "monitor_server_security_mode bit",
			"last_copied_file nvarchar(500)", "last_copied_date datetime"),
		d("log_shipping_secondary_databases", []string{"secondary_database"}, "secondary_database sysname NOT NULL",
			"secondary_id uniqueidentifier", "restore_delay int", "restore_all bit", "restore_mode bit",
			"disconnect_users bit", "block_size int", "buffer_count int", "max_transfer_size int",
			"last_restored_file nvarchar(500)", "last_restored_date datetime"),
		d("log_shipping_monitor_primary", []string{"primary_id"}, "primary_id uniqueidentifier NOT NULL",
			"primary_server sysname", "primary_database sysname", "backup_threshold int", "threshold_alert int",
			"threshold_alert_enabled bit", "last_backup_file nvarchar(500)", "last_backup_date datetime",
			"last_backup_date_utc datetime", "history_retention_period int"),
		d("log_shipping_monitor_secondary", nil, "secondary_server sysname", "secondary_database sysname",
			"secondary_id uniqueidentifier", "primary_server sysname", "primary_database sysname",
			"restore_threshold int", "threshold_alert int", "threshold_alert_enabled bit",
			"last_copied_file nvarchar(500)", "last_copied_date datetime", "last_copied_date_utc datetime",
			"last_restored_file nvarchar(500)", "last_restored_date datetime", "last_restored_date_utc datetime",
			"last_restored_latency int", "history_retention_period int"),
		d("log_shipping_monitor_history_detail", nil, "agent_id uniqueidentifier", "agent_type tinyint",
			"session_id int", "database_name sysname", "session_status tinyint", "log_time datetime",
			"log_time_utc datetime", "message nvarchar(max)"),
		d("log_shipping_monitor_error_detail", nil, "agent_id uniqueidentifier", "agent_type tinyint",
			"session_id int", "database_name sysname", "sequence_number int", "log_time datetime",
			"log_time_utc datetime", "message nvarchar(max)", "source nvarchar(4000)", "help_url nvarchar(4000)"),
		d("log_shipping_monitor_alert", nil, "alert_job_id uniqueidentifier"),
	}
}

// Install creates the Agent's and log shipping's msdb tables that do not
// exist yet; it is idempotent and meant to run at every instance start.
func Install(ctx context.Context, inst *engine.Instance) error {
	if err := agent.Install(ctx, inst); err != nil {
		return err
	}
	return agent.InstallTables(ctx, inst, Tables())
}

// tableDef returns the definition of one log shipping table.
func tableDef(name string) engine.TableDef {
	for _, d := range Tables() {
		if d.Name == name {
			return d
		}
	}
	panic("logship: no table " + name)
}
