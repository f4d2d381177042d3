package engine

import (
	"context"
	"pcsh/modules/lab/backupmedia"
	"time"
)

// systemSession is an unregistered session the engine writes msdb history
// with.
func (i *Instance) systemSession() *Session {
	return &Session{inst: i, login: "sa", db: "msdb", status: "sleeping"}
}

// recordBackup inserts the backupmediaset, backupmediafamily and backupset
// rows of a backup and returns the backup_set_id.
func (i *Instance) recordBackup(ctx context.Context, h *backupmedia.BackupHeader, path string) error {
	if err := i.historyRefused(); err != nil {
		return err
	}
	_, err := i.recordBackupSet(ctx, h, path)
	return err
}

// recordBackupSet does the inserts of recordBackup in one transaction.
func (i *Instance) recordBackupSet(ctx context.Context, h *backupmedia.BackupHeader, path string) (int64, error) {
	s := i.systemSession()
	if err := s.Begin(); err != nil {
		return 0, err
	}
	mediaID, err := insertIdentity(ctx, s, "backupmediaset",
		[]string{"media_uuid", "media_family_count", "software_name", "software_vendor_id", "MTF_major_version",
			"mirror_count", "is_password_protected", "is_compressed", "is_encrypted"},
		Row{h.Media.MediaSetID, 1, "Microsoft SQL Server", 4608, 1, 1, false, h.Compressed, false})
	if err == nil {
		_, err = s.Insert(ctx, "msdb", "backupmediafamily", nil,
			[]Row{{mediaID, 1, h.Media.MediaFamilyID, 1, nil, path, 2, 512, 0}})
	}
	var setID int64
	if err == nil {
		setID, err = insertIdentity(ctx, s, "backupset", backupsetColumns(), backupsetRow(h, mediaID))
	}
	if err != nil {
		_ = s.Rollback()
		return 0, err
	}
	return setID, s.Commit()
}

// insertIdentity inserts one msdb row and returns its IDENTITY value.
func insertIdentity(ctx context.Context, s *Session, table string, cols []string, row Row) (int64, error) {
	if _, err := s.Insert(ctx, "msdb", table, cols, []Row{row}); err != nil {
		return 0, err
	}
	id, _ := s.Identity().(int64)
	return id, nil
}

// backupsetColumns lists the backupset columns recordBackup fills.
func backupsetColumns() []string {
	return []string{"backup_set_uuid", "media_set_id", "first_family_number", "first_media_number",
		"last_family_number", "last_media_number", "position", "expiration_date", "software_vendor_id", "name",
		"description", "user_name", "software_major_version", "software_minor_version", "software_build_version",
		"first_lsn", "last_lsn", "checkpoint_lsn", "database_backup_lsn", "database_creation_date",
		"backup_start_date", "backup_finish_date", "type", "compatibility_level", "database_version",
		"backup_size", "database_name", "server_name", "machine_name", "flags", "collation_name",
		"is_password_protected", "recovery_model", "has_bulk_logged_data", "is_snapshot", "is_readonly",
		"is_single_user", "has_backup_checksums", "is_damaged", "begins_log_chain", "has_incomplete_metadata",
		"is_force_offline", "is_copy_only", "first_recovery_fork_guid", "last_recovery_fork_guid",
		"database_guid", "family_guid", "differential_base_lsn", "differential_base_guid", "compressed_backup_size"}
}

// backupsetRow builds the values for backupsetColumns.
func backupsetRow(h *backupmedia.BackupHeader, mediaID int64) Row {
	return Row{h.BackupSetGUID, mediaID, 1, 1, 1, 1, h.Position, nilTime(h.ExpirationDate), 4608,
		nilString(h.BackupName), nilString(h.BackupDescription), h.UserName, softwareMajor, softwareMinor,
		softwareBuild, h.FirstLSN.Decimal(), h.LastLSN.Decimal(), h.CheckpointLSN.Decimal(),
		numeric(int64(h.DatabaseBackupLSN)), h.DatabaseCreationDate, h.BackupStartDate, h.BackupFinishDate,
		h.TypeLetter(), h.CompatibilityLevel, databaseVersion, h.BackupSize, h.DatabaseName, h.ServerName,
		h.MachineName, h.Flags(), h.Collation, false, h.RecoveryModel.BackupName(), false, false, h.IsReadOnly,
		h.IsSingleUser, h.HasBackupChecksums, h.IsDamaged, h.BeginsLogChain, h.HasIncompleteMetaData,
		h.IsForceOffline, h.IsCopyOnly, h.RecoveryForkID, h.RecoveryForkID, h.BindingID, h.FamilyGUID, h.DifferentialBaseLSN.Decimal(),
		h.DifferentialBaseGUIDValue(), h.CompressedSize}
}

// The version the lab reports: SQL Server 2012 SP4 (11.0.7001), database
// version 706, as the Lync 2013 era servers run.
const (
	softwareMajor   = 11
	softwareMinor   = 0
	softwareBuild   = 7001
	databaseVersion = 706
)

// DatabaseVersion is the database version the lab's databases have
// (RESTORE HEADERONLY's DatabaseVersion, DATABASEPROPERTYEX's Version).
const DatabaseVersion = databaseVersion

// recordRestore inserts the backupset of the restored set and the
// restorehistory row.
func (i *Instance) recordRestore(ctx context.Context, h *backupmedia.BackupHeader, path, dest, typ string, opts RestoreOptions) error {
	if err := i.historyRefused(); err != nil {
		return err
	}
	setID, err := i.recordBackupSet(ctx, h, path)
	if err != nil {
		return err
	}
	s := i.systemSession()
	mark, before := opts.markTarget()
	_, err = s.Insert(ctx, "msdb", "restorehistory", []string{"restore_date", "destination_database_name",
		"user_name", "backup_set_id", "restore_type", "replace", "recovery", "restart", "stop_at", "device_count",
		"stop_at_mark_name", "stop_before"},
		[]Row{{i.now(), dest, "sa", setID, typ, opts.Replace, opts.recovers(), false, nilTime(opts.StopAt), 1,
			nilString(mark), stopBefore(mark, before)}})
	return err
}

// nilTime maps the zero time to NULL.
func nilTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// nilString maps "" to NULL.
func nilString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// stopBefore is restorehistory.stop_before: 1 for STOPBEFOREMARK, 0 for
// STOPATMARK, NULL without a mark.
func stopBefore(mark string, before bool) any {
	if mark == "" {
		return nil
	}
	return before
}
