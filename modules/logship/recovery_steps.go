package logship

import (
	"fmt"
)

// killSessionsStmt ends every other session using database @p1, in one
// batch built server-side (R3 step 4.1: sp_who2, then KILL <spid>).
func killSessionsStmt(db string) Stmt {
	return Batch("DECLARE @kill nvarchar(max) = N''; SELECT @kill = @kill + N'KILL ' + CONVERT(nvarchar(11), session_id) + N'; ' "+
		"FROM sys.dm_exec_sessions WHERE database_id = DB_ID(@p1) AND session_id <> @@SPID; EXEC (@kill);", db)
}

// disableBackupJobStmt disables the primary's backup job (dbatools issue
// 5871), so no log backup follows the tail.
func disableBackupJobStmt(db string) Stmt {
	return Batch("DECLARE @job_id uniqueidentifier; "+jobLookup["Backup"]+
		" IF @job_id IS NOT NULL EXEC msdb.dbo.sp_update_job @job_id = @job_id, @enabled = 0;", db)
}

// tailLogStmt backs up the tail of the log WITH NORECOVERY into the
// primary's backup directory as <database>_<UTC stamp>.trn, the name the
// copy and restore jobs pick up; the database is left RESTORING.
func tailLogStmt(qdb, db, file string) Stmt {
	st := Batch("DECLARE @dir nvarchar(500); SELECT @dir = backup_directory FROM msdb.dbo.log_shipping_primary_databases WHERE primary_database = @p1;"+
		" IF @dir IS NULL THROW 50000, N'The database is not a log shipping primary on this instance.', 1;"+
		" DECLARE @file nvarchar(4000) = @dir + CASE WHEN CHARINDEX(N'\\', @dir) > 0 THEN N'\\' ELSE N'/' END + @p2;"+
		" BACKUP LOG "+qdb+" TO DISK = @file WITH NORECOVERY, STATS = 10;", db, file)
	st.Activity = "Backing up the tail of the log of " + db
	return st
}

// noDelayStmt sets the restore delay to 0 so the restore job applies
// every copied file, the tail included.
func noDelayStmt(db string) Stmt {
	return Proc("master.dbo.sp_change_log_shipping_secondary_database", Arg{"secondary_database", db}, Arg{"restore_delay", int64(0)})
}

// deleteSecondaryStmt removes the secondary registration (R3 step 1).
func deleteSecondaryStmt(db string) Stmt {
	return Proc("master.dbo.sp_delete_log_shipping_secondary_database", Arg{"secondary_database", db})
}

// recoverStmt brings the database online (R3 step 4.2).
func recoverStmt(qdb string) Stmt {
	return Batch(fmt.Sprintf("RESTORE DATABASE %s WITH RECOVERY", qdb))
}

// lastRestoredQuery reads the secondary's last restored file.
const lastRestoredQuery = "SELECT last_restored_file FROM msdb.dbo.log_shipping_monitor_secondary WHERE secondary_database = @p1"

// disableSecondaryJobsStmt disables the copy and restore jobs, so their
// schedules no longer race the runs the recovery starts itself (SQL
// Server "Change Roles": disable the jobs of the old secondary).
func disableSecondaryJobsStmt(db string) Stmt {
	return Batch("DECLARE @copy uniqueidentifier, @restore uniqueidentifier; SELECT @copy = s.copy_job_id, @restore = s.restore_job_id "+
		"FROM msdb.dbo.log_shipping_secondary AS s JOIN msdb.dbo.log_shipping_secondary_databases AS d ON d.secondary_id = s.secondary_id "+
		"WHERE d.secondary_database = @p1; IF @copy IS NOT NULL EXEC msdb.dbo.sp_update_job @job_id = @copy, @enabled = 0; "+
		"IF @restore IS NOT NULL EXEC msdb.dbo.sp_update_job @job_id = @restore, @enabled = 0;", db)
}

// lastBackupQuery reads the primary's last log backup file.
const lastBackupQuery = "SELECT last_backup_file FROM msdb.dbo.log_shipping_monitor_primary WHERE primary_database = @p1"

// partnerOffStmt removes database mirroring on the principal, which SQL
// Server requires before BACKUP LOG … WITH NORECOVERY ("Database
// Mirroring and Backup and Restore": that backup is not allowed on the
// principal of an active session). The mirror is left RESTORING.
func partnerOffStmt(qdb string) Stmt {
	return Batch(fmt.Sprintf("ALTER DATABASE %s SET PARTNER OFF", qdb))
}

// restoreLogStmt restores one log backup WITH NORECOVERY (R3 step 3,
// "apply any unapplied transaction log backups in sequence").
func restoreLogStmt(qdb, file string) Stmt {
	st := Batch("RESTORE LOG "+qdb+" FROM DISK = @p1 WITH NORECOVERY, STATS = 10", file)
	st.Activity = "Restoring " + file
	return st
}

// mirroringRoleQuery reads the database's mirroring role (NULL or no row
// outside a session).
const mirroringRoleQuery = "SELECT mirroring_role_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)"

// secondaryConfigQuery reads the secondary database's log shipping
// registration: its copy directory and the share it copies from.
const secondaryConfigQuery = "SELECT s.backup_destination_directory, s.backup_source_directory FROM msdb.dbo.log_shipping_secondary AS s " +
	"JOIN msdb.dbo.log_shipping_secondary_databases AS d ON d.secondary_id = s.secondary_id WHERE d.secondary_database = @p1"

// backupShareQuery reads the primary's backup share, where its backup
// job (and the tail-log backup) write, as the secondaries reach it.
const backupShareQuery = "SELECT backup_share FROM msdb.dbo.log_shipping_primary_databases WHERE primary_database = @p1"

// jobStepMessagesQuery reads the step messages of a job run after a
// history row: sqllogship's errors, with the operating system's.
const jobStepMessagesQuery = "SELECT message FROM msdb.dbo.sysjobhistory WHERE job_id = @p1 AND instance_id > @p2 AND step_id > 0 ORDER BY instance_id"

// headerQuery reads the backup sets of a file.
const headerQuery = "RESTORE HEADERONLY FROM DISK = @p1"
