package engine

// The msdb backup and restore history tables, with the documented columns
// in documented order (MicrosoftDocs/sql-docs system-tables/backupset,
// backupmediaset, backupmediafamily, restorehistory).

func backupsetDef() TableDef {
	return TableDef{Schema: "dbo", Name: "backupset", PrimaryKey: []string{"backup_set_id"}, Columns: []ColumnDef{
		colIdentity("backup_set_id"), colGUID("backup_set_uuid", false), colInt("media_set_id", false),
		colTinyInt("first_family_number", true), colSmallInt("first_media_number", true),
		colTinyInt("last_family_number", true), colSmallInt("last_media_number", true),
		colTinyInt("catalog_family_number", true), colSmallInt("catalog_media_number", true),
		colInt("position", true), colDateTime("expiration_date", true), colInt("software_vendor_id", true),
		colNVarChar("name", 128, true), colNVarChar("description", 255, true), colNVarChar("user_name", 128, true),
		colTinyInt("software_major_version", true), colTinyInt("software_minor_version", true),
		colSmallInt("software_build_version", true), colSmallInt("time_zone", true), colTinyInt("mtf_minor_version", true),
		colNumeric("first_lsn", 25, true), colNumeric("last_lsn", 25, true), colNumeric("checkpoint_lsn", 25, true),
		colNumeric("database_backup_lsn", 25, true), colDateTime("database_creation_date", true),
		colDateTime("backup_start_date", true), colDateTime("backup_finish_date", true), colVarChar("type", 1, true),
		colSmallInt("sort_order", true), colSmallInt("code_page", true), colTinyInt("compatibility_level", true),
		colInt("database_version", true), colNumeric("backup_size", 20, true), colNVarChar("database_name", 128, true),
		colNVarChar("server_name", 128, true), colNVarChar("machine_name", 128, true), colInt("flags", true),
		colInt("unicode_locale", true), colInt("unicode_compare_style", true), colNVarChar("collation_name", 128, true),
		colBit("is_password_protected", true), colNVarChar("recovery_model", 60, true),
		colBit("has_bulk_logged_data", true), colBit("is_snapshot", true), colBit("is_readonly", true),
		colBit("is_single_user", true), colBit("has_backup_checksums", true), colBit("is_damaged", true),
		colBit("begins_log_chain", true), colBit("has_incomplete_metadata", true), colBit("is_force_offline", true),
		colBit("is_copy_only", true), colGUID("first_recovery_fork_guid", true), colGUID("last_recovery_fork_guid", true),
		colNumeric("fork_point_lsn", 25, true), colGUID("database_guid", true), colGUID("family_guid", true),
		colNumeric("differential_base_lsn", 25, true), colGUID("differential_base_guid", true),
		colNumeric("compressed_backup_size", 20, true), colNVarChar("key_algorithm", 32, true),
		colVarBinary("encryptor_thumbprint", 20, true), colNVarChar("encryptor_type", 32, true),
	}}
}

func backupmediasetDef() TableDef {
	return TableDef{Schema: "dbo", Name: "backupmediaset", PrimaryKey: []string{"media_set_id"}, Columns: []ColumnDef{
		colIdentity("media_set_id"), colGUID("media_uuid", true), colTinyInt("media_family_count", true),
		colNVarChar("name", 128, true), colNVarChar("description", 255, true), colNVarChar("software_name", 128, true),
		colInt("software_vendor_id", true), colTinyInt("MTF_major_version", true), colTinyInt("mirror_count", true),
		colBit("is_password_protected", true), colBit("is_compressed", true), colBit("is_encrypted", true),
	}}
}

func backupmediafamilyDef() TableDef {
	return TableDef{Schema: "dbo", Name: "backupmediafamily", Columns: []ColumnDef{
		colInt("media_set_id", false), colTinyInt("family_sequence_number", false), colGUID("media_family_id", true),
		colInt("media_count", true), colNVarChar("logical_device_name", 128, true),
		colNVarChar("physical_device_name", 260, true), colTinyInt("device_type", true),
		colInt("physical_block_size", true), colTinyInt("mirror", false),
	}}
}

func restorehistoryDef() TableDef {
	return TableDef{Schema: "dbo", Name: "restorehistory", PrimaryKey: []string{"restore_history_id"}, Columns: []ColumnDef{
		colIdentity("restore_history_id"), colDateTime("restore_date", true),
		colNVarChar("destination_database_name", 128, true), colNVarChar("user_name", 128, true),
		colInt("backup_set_id", false), colVarChar("restore_type", 1, true), colBit("replace", true),
		colBit("recovery", true), colBit("restart", true), colDateTime("stop_at", true), colTinyInt("device_count", true),
		colNVarChar("stop_at_mark_name", 128, true), colBit("stop_before", true),
	}}
}

// msdbTables returns the msdb tables the engine maintains.
func msdbTables() []TableDef {
	return []TableDef{backupsetDef(), backupmediasetDef(), backupmediafamilyDef(), restorehistoryDef(),
		logmarkhistoryDef()}
}
