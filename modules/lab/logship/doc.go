// Package logship is SQL Server log shipping for the pcsh lab: the msdb
// tables (log_shipping_primary_databases, log_shipping_primary_secondaries,
// log_shipping_secondary, log_shipping_secondary_databases, the
// log_shipping_monitor_* tables), the documented sp_add_log_shipping_*,
// sp_delete_log_shipping_*, sp_change_log_shipping_* and
// sp_help_log_shipping_* procedures, and what the Agent jobs they create
// do: the backup job (sqllogship -Backup) backs up the log to the backup
// directory as <database>_<yyyyMMddHHmmss>.trn (UTC), the copy job
// (sqllogship -Copy) copies new files from the share to the secondary's
// copy directory, the restore job (sqllogship -Restore) restores them in
// LSN order WITH NORECOVERY or STANDBY, and the alert job raises 14420 and
// 14421 when a threshold is exceeded. Each writes
// log_shipping_monitor_history_detail, log_shipping_monitor_error_detail
// and sysjobhistory as SQL Server does.
//
// Instances share nothing but the file system: a share is a directory,
// and every file the jobs write goes through an injectable FS so a full
// disk can be simulated. The monitor is always local (each instance keeps
// its own monitor rows); a remote @monitor_server is recorded but not
// contacted.
package logship
