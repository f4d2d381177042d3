package backupmedia

import (
	"time"

	"pcsh/modules/lab/sqldb"
)

// Backup types as RESTORE HEADERONLY's BackupType reports them.
const (
	BackupTypeDatabase     = 1
	BackupTypeLog          = 2
	BackupTypeDifferential = 5 // a differential database backup
)

// BackupHeader describes one backup set: the fields RESTORE HEADERONLY
// returns and msdb.dbo.backupset records. EncodeHeader stores it in the
// set's header record.
type BackupHeader struct {
	BackupName           string
	BackupDescription    string
	BackupType           int // BackupTypeDatabase, BackupTypeLog or BackupTypeDifferential
	ExpirationDate       time.Time
	Compressed           bool
	Position             int // 1-based position in the media (FILE =)
	UserName             string
	ServerName           string
	DatabaseName         string
	DatabaseCreationDate time.Time
	BackupSize           int64 // bytes before compression
	CompressedSize       int64 // bytes stored
	FirstLSN             sqldb.LSN
	LastLSN              sqldb.LSN
	CheckpointLSN        sqldb.LSN
	DatabaseBackupLSN    sqldb.LSN
	BackupStartDate      time.Time
	BackupFinishDate     time.Time
	CompatibilityLevel   uint8
	MachineName          string
	HasBackupChecksums   bool
	IsReadOnly           bool
	IsSingleUser         bool
	BeginsLogChain       bool
	IsForceOffline       bool // taken WITH NORECOVERY (a tail-log backup)
	IsCopyOnly           bool
	BindingID            [16]byte
	FamilyGUID           [16]byte
	RecoveryForkID       [16]byte
	BackupSetGUID        [16]byte
	Collation            string
	RecoveryModel        sqldb.RecoveryModel
	Files                []sqldb.File

	// IsDamaged and HasIncompleteMetaData mark a log backup of a damaged
	// database taken WITH NO_TRUNCATE.
	IsDamaged             bool
	HasIncompleteMetaData bool

	// DifferentialBaseLSN and DifferentialBaseGUID name the full backup a
	// differential backup is based on (its CheckpointLSN and BackupSetGUID);
	// zero for other backup types (HEADERONLY and msdb show NULL).
	DifferentialBaseLSN  sqldb.LSN
	DifferentialBaseGUID [16]byte

	// Media is the media header of the file holding the set (RESTORE
	// LABELONLY's MediaSetId and MediaFamilyId, msdb's media_uuid and
	// media_family_id); filled when the set is written or read, not stored
	// in the set header.
	Media MediaHeader
}

// TypeLetter returns backupset.type.
func (h *BackupHeader) TypeLetter() string {
	switch h.BackupType {
	case BackupTypeLog:
		return "L"
	case BackupTypeDifferential:
		return "I"
	}
	return "D"
}

// TypeDescription returns HEADERONLY's BackupTypeDescription.
func (h *BackupHeader) TypeDescription() string {
	switch h.BackupType {
	case BackupTypeLog:
		return "TRANSACTION LOG"
	case BackupTypeDifferential:
		return "DATABASE DIFFERENTIAL"
	}
	return "DATABASE"
}

// Statement names the statement that wrote the set, as 3135 and 3014 say.
func (h *BackupHeader) Statement() string {
	if h.BackupType == BackupTypeLog {
		return "BACKUP LOG"
	}
	return "BACKUP DATABASE"
}

// Flags returns the deprecated Flags bit mask: 4 read-only, 8 single
// user, 16 checksums, 32 damaged, 64 tail log backup, 128 tail log backup
// with incomplete metadata, 256 tail log backup WITH NORECOVERY.
func (h *BackupHeader) Flags() int64 {
	var f int64
	for bit, on := range map[int64]bool{4: h.IsReadOnly, 8: h.IsSingleUser, 16: h.HasBackupChecksums,
		32: h.IsDamaged, 64: h.IsForceOffline || h.HasIncompleteMetaData, 128: h.HasIncompleteMetaData,
		256: h.IsForceOffline} {
		if on {
			f |= bit
		}
	}
	return f
}

// DifferentialBaseGUIDValue is backupset.differential_base_guid and
// HEADERONLY's DifferentialBaseGUID as a result value: nil (NULL) for
// other backup types than a differential.
func (h *BackupHeader) DifferentialBaseGUIDValue() any {
	if h.BackupType != BackupTypeDifferential {
		return nil
	}
	return h.DifferentialBaseGUID
}
