package engine

import (
	"math/big"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqltype"
)

// RestoreHeaderOnly returns one row per backup set on the device, with the
// documented RESTORE HEADERONLY columns in documented order.
func (i *Instance) RestoreHeaderOnly(path string) (Relation, error) {
	m, err := i.readDevice(path)
	if err != nil {
		return nil, terminating("RESTORE HEADERONLY", err)
	}
	rel := &staticRelation{cols: headerOnlyColumns()}
	for _, set := range m.sets {
		rel.rows = append(rel.rows, headerOnlyRow(set.header))
	}
	return rel, nil
}

// headerOnlyColumns are the RESTORE HEADERONLY result columns.
func headerOnlyColumns() []sqltype.Column {
	return sqlColumns(colNVarChar("BackupName", 128, true), colNVarChar("BackupDescription", 255, true),
		colSmallInt("BackupType", true), colDateTime("ExpirationDate", true), colBit("Compressed", true),
		colSmallInt("Position", true), colTinyInt("DeviceType", true), colNVarChar("UserName", 128, true),
		colNVarChar("ServerName", 128, true), colNVarChar("DatabaseName", 128, true), colInt("DatabaseVersion", true),
		colDateTime("DatabaseCreationDate", true), colNumeric("BackupSize", 20, true), colNumeric("FirstLSN", 25, true),
		colNumeric("LastLSN", 25, true), colNumeric("CheckpointLSN", 25, true), colNumeric("DatabaseBackupLSN", 25, true),
		colDateTime("BackupStartDate", true), colDateTime("BackupFinishDate", true), colSmallInt("SortOrder", true),
		colSmallInt("CodePage", true), colInt("UnicodeLocaleId", true), colInt("UnicodeComparisonStyle", true),
		colTinyInt("CompatibilityLevel", true), colInt("SoftwareVendorId", true), colInt("SoftwareVersionMajor", true),
		colInt("SoftwareVersionMinor", true), colInt("SoftwareVersionBuild", true), colNVarChar("MachineName", 128, true),
		colInt("Flags", true), colGUID("BindingID", true), colGUID("RecoveryForkID", true),
		colNVarChar("Collation", 128, true), colGUID("FamilyGUID", true), colBit("HasBulkLoggedData", true),
		colBit("IsSnapshot", true), colBit("IsReadOnly", true), colBit("IsSingleUser", true),
		colBit("HasBackupChecksums", true), colBit("IsDamaged", true), colBit("BeginsLogChain", true),
		colBit("HasIncompleteMetaData", true), colBit("IsForceOffline", true), colBit("IsCopyOnly", true),
		colGUID("FirstRecoveryForkID", true), colNumeric("ForkPointLSN", 25, true), colNVarChar("RecoveryModel", 60, true),
		colNumeric("DifferentialBaseLSN", 25, true), colGUID("DifferentialBaseGUID", true),
		colNVarChar("BackupTypeDescription", 60, true), colGUID("BackupSetGUID", true),
		colBigInt("CompressedBackupSize", true), colTinyInt("containment", false), colNVarChar("KeyAlgorithm", 32, true),
		colVarBinary("EncryptorThumbprint", 20, true), colNVarChar("EncryptorType", 32, true))
}

// headerOnlyRow builds one RESTORE HEADERONLY row.
func headerOnlyRow(h *backupmedia.BackupHeader) Row {
	return Row{nilString(h.BackupName), nilString(h.BackupDescription), int64(h.BackupType), nilTime(h.ExpirationDate),
		h.Compressed, int64(h.Position), int64(2), h.UserName, h.ServerName, h.DatabaseName, int64(databaseVersion),
		h.DatabaseCreationDate, numeric(h.BackupSize), h.FirstLSN.Decimal(), h.LastLSN.Decimal(),
		h.CheckpointLSN.Decimal(), numeric(int64(h.DatabaseBackupLSN)), h.BackupStartDate, h.BackupFinishDate, int64(0),
		int64(0), int64(1033), int64(196609), int64(h.CompatibilityLevel), int64(4608), int64(softwareMajor),
		int64(softwareMinor), int64(softwareBuild), h.MachineName, h.Flags(), h.BindingID, h.RecoveryForkID,
		h.Collation, h.FamilyGUID, false, false, h.IsReadOnly, h.IsSingleUser, h.HasBackupChecksums, h.IsDamaged,
		h.BeginsLogChain, h.HasIncompleteMetaData, h.IsForceOffline, h.IsCopyOnly, h.RecoveryForkID, nil, h.RecoveryModel.BackupName(),
		h.DifferentialBaseLSN.Decimal(), h.DifferentialBaseGUIDValue(), h.TypeDescription(), h.BackupSetGUID, h.CompressedSize, int64(0), nil, nil, nil}
}

// numeric wraps an integer as a numeric(p,0) value.
func numeric(n int64) any { return sqltype.Decimal{Unscaled: big.NewInt(n)} }

// RestoreFileListOnly returns the files of backup set file (0 for the
// first) with the documented RESTORE FILELISTONLY columns.
func (i *Instance) RestoreFileListOnly(path string, file int) (Relation, error) {
	m, err := i.readDevice(path)
	if err == nil {
		var set *backupSet
		if set, err = m.pickSet(file, path); err == nil {
			return fileListRelation(set.header), nil
		}
	}
	return nil, terminating("RESTORE FILELIST", err)
}

// fileListRelation builds the FILELISTONLY rows of a set.
func fileListRelation(h *backupmedia.BackupHeader) Relation {
	rel := &staticRelation{cols: sqlColumns(colNVarChar("LogicalName", 128, false), colNVarChar("PhysicalName", 260, false),
		colVarChar("Type", 1, false), colNVarChar("FileGroupName", 128, true), colNumeric("Size", 20, false),
		colNumeric("MaxSize", 20, false), colBigInt("FileID", false), colNumeric("CreateLSN", 25, false),
		colNumeric("DropLSN", 25, true), colGUID("UniqueID", false), colNumeric("ReadOnlyLSN", 25, true),
		colNumeric("ReadWriteLSN", 25, true), colBigInt("BackupSizeInBytes", false), colInt("SourceBlockSize", false),
		colInt("FileGroupID", false), colGUID("LogGroupGUID", true), colNumeric("DifferentialBaseLSN", 25, true),
		colGUID("DifferentialBaseGUID", true), colBit("IsReadOnly", false), colBit("IsPresent", false),
		colVarBinary("TDEThumbprint", 32, true), colNVarChar("SnapshotURL", 360, true))}
	for _, f := range h.Files {
		group, groupID, size := any("PRIMARY"), int64(1), h.BackupSize
		if f.Type == 'L' {
			group, groupID, size = nil, 0, 2*backupmedia.PageSize
		}
		rel.rows = append(rel.rows, Row{f.LogicalName, f.PhysicalName, string(f.Type), group, numeric(size),
			numeric(35184372080640), int64(f.FileID), numeric(0), nil, fileGUID(h.FamilyGUID, f.FileID), numeric(0),
			numeric(0), size, int64(512), groupID, nil, h.DifferentialBaseLSN.Decimal(), h.DifferentialBaseGUIDValue(),
			false, true, nil, nil})
	}
	return rel
}

// fileGUID derives a stable file UniqueID from the database family GUID.
func fileGUID(family [16]byte, id int32) [16]byte {
	family[15] ^= byte(id)
	return family
}

// RestoreLabelOnly returns the media label with the documented RESTORE
// LABELONLY columns.
func (i *Instance) RestoreLabelOnly(path string) (Relation, error) {
	m, err := i.readDevice(path)
	if err != nil {
		return nil, terminating("RESTORE LABELONLY", err)
	}
	compressed := len(m.sets) > 0 && m.sets[0].header.Compressed
	md := m.media
	return &staticRelation{cols: sqlColumns(colNVarChar("MediaName", 128, true), colGUID("MediaSetId", true),
		colInt("FamilyCount", true), colInt("FamilySequenceNumber", true), colGUID("MediaFamilyId", true),
		colInt("MediaSequenceNumber", true), colTinyInt("MediaLabelPresent", true),
		colNVarChar("MediaDescription", 255, true), colNVarChar("SoftwareName", 128, true),
		colInt("SoftwareVendorId", true), colDateTime("MediaDate", true), colInt("Mirror_Count", true),
		colBit("IsCompressed", true)),
		rows: []Row{{nilString(md.MediaName), md.MediaSetID, int64(1), int64(1), md.MediaFamilyID, int64(1),
			int64(0), nilString(md.MediaDescription), md.SoftwareName, int64(4608), md.MediaDate, int64(1), compressed}},
	}, nil
}

// RestoreVerifyOnly checks backup set opts.File (0 for the first) of
// path without restoring it and returns the 3262 message "The backup set
// on file N is valid."; a damaged set fails with 3189 (3183 with
// opts.Checksum) and 3013. WITH STATS progress (3211) goes to
// opts.Messages while the set is read, as RESTORE DATABASE reports it.
func (i *Instance) RestoreVerifyOnly(path string, opts RestoreOptions) (*Error, error) {
	m, err := i.readDevice(path)
	if err == nil {
		var set *backupSet
		if set, err = m.pickSet(opts.File, path); err == nil {
			opts.File = max(opts.File, 1)
			if set, err = i.loadSet(path, opts, set.header.BackupType); err == nil {
				err = transfer(set, opts)
			}
		}
	}
	if err != nil {
		return nil, terminating("VERIFY DATABASE", err)
	}
	return Raise(3262, opts.File), nil
}
