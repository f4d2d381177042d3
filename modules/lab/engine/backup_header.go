package engine

import (
	"time"

	"pcsh/modules/lab/backupmedia"
)

// Backup types as RESTORE HEADERONLY's BackupType reports them.
const (
	BackupTypeDatabase     = 1
	BackupTypeLog          = 2
	BackupTypeDifferential = 5 // a differential database backup
)

// BackupHeader describes one backup set: the fields RESTORE HEADERONLY
// returns and msdb.dbo.backupset records.
type BackupHeader struct {
	BackupName           string
	BackupDescription    string
	BackupType           int // BackupTypeDatabase or BackupTypeLog
	ExpirationDate       time.Time
	Compressed           bool
	Position             int // 1-based position in the media (FILE =)
	UserName             string
	ServerName           string
	DatabaseName         string
	DatabaseCreationDate time.Time
	BackupSize           int64 // bytes before compression
	CompressedSize       int64 // bytes stored
	FirstLSN             LSN
	LastLSN              LSN
	CheckpointLSN        LSN
	DatabaseBackupLSN    LSN
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
	RecoveryModel        RecoveryModel
	Files                []DatabaseFile

	// IsDamaged and HasIncompleteMetaData mark a log backup of a damaged
	// database taken WITH NO_TRUNCATE.
	IsDamaged             bool
	HasIncompleteMetaData bool

	// DifferentialBaseLSN and DifferentialBaseGUID name the full backup a
	// differential backup is based on (its CheckpointLSN and BackupSetGUID);
	// zero for other backup types (HEADERONLY and msdb show NULL).
	DifferentialBaseLSN  LSN
	DifferentialBaseGUID [16]byte

	// media is the media header of the file holding the set (RESTORE
	// LABELONLY's MediaSetId and MediaFamilyId, msdb's media_uuid and
	// media_family_id); filled when the set is written or read, not stored
	// in the set header.
	media backupmedia.MediaHeader
}

// typeLetter returns backupset.type.
func (h *BackupHeader) typeLetter() string {
	switch h.BackupType {
	case BackupTypeLog:
		return "L"
	case BackupTypeDifferential:
		return "I"
	}
	return "D"
}

// typeDescription returns BackupTypeDescription.
func (h *BackupHeader) typeDescription() string {
	switch h.BackupType {
	case BackupTypeLog:
		return "TRANSACTION LOG"
	case BackupTypeDifferential:
		return "DATABASE DIFFERENTIAL"
	}
	return "DATABASE"
}

// statement names the statement that wrote the set, as 3135 and 3014 say.
func (h *BackupHeader) statement() string {
	if h.BackupType == BackupTypeLog {
		return "BACKUP LOG"
	}
	return "BACKUP DATABASE"
}

// flags returns the deprecated Flags bit mask: 32 damaged, 64 tail log
// backup, 128 tail log backup with incomplete metadata, 256 tail log
// backup WITH NORECOVERY.
func (h *BackupHeader) flags() int64 {
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

func (e *enc) backupHeader(h *BackupHeader) {
	for _, s := range []string{h.BackupName, h.BackupDescription, h.UserName, h.ServerName, h.DatabaseName,
		h.MachineName, h.Collation} {
		e.str(s)
	}
	for _, v := range []int64{int64(h.BackupType), int64(h.Position), h.BackupSize, h.CompressedSize,
		int64(h.CompatibilityLevel), int64(h.RecoveryModel)} {
		e.varint(v)
	}
	for _, t := range []time.Time{h.ExpirationDate, h.DatabaseCreationDate, h.BackupStartDate, h.BackupFinishDate} {
		e.time(t)
	}
	for _, l := range []LSN{h.FirstLSN, h.LastLSN, h.CheckpointLSN, h.DatabaseBackupLSN} {
		e.uvarint(uint64(l))
	}
	for _, b := range []bool{h.Compressed, h.HasBackupChecksums, h.IsReadOnly, h.IsSingleUser, h.BeginsLogChain,
		h.IsForceOffline, h.IsCopyOnly} {
		e.boolean(b)
	}
	for _, g := range [][16]byte{h.BindingID, h.FamilyGUID, h.RecoveryForkID, h.BackupSetGUID} {
		e.b = append(e.b, g[:]...)
	}
	e.files(h.Files)
	e.boolean(h.IsDamaged)
	e.boolean(h.HasIncompleteMetaData)
	e.uvarint(uint64(h.DifferentialBaseLSN))
	e.b = append(e.b, h.DifferentialBaseGUID[:]...)
}

func (d *dec) backupHeader() *BackupHeader {
	h := &BackupHeader{}
	for _, p := range []*string{&h.BackupName, &h.BackupDescription, &h.UserName, &h.ServerName, &h.DatabaseName,
		&h.MachineName, &h.Collation} {
		*p = d.Str()
	}
	h.BackupType, h.Position = int(d.Varint()), int(d.Varint())
	h.BackupSize, h.CompressedSize = d.Varint(), d.Varint()
	h.CompatibilityLevel, h.RecoveryModel = uint8(d.Varint()), RecoveryModel(d.Varint())
	for _, p := range []*time.Time{&h.ExpirationDate, &h.DatabaseCreationDate, &h.BackupStartDate, &h.BackupFinishDate} {
		*p = d.time()
	}
	for _, p := range []*LSN{&h.FirstLSN, &h.LastLSN, &h.CheckpointLSN, &h.DatabaseBackupLSN} {
		*p = LSN(d.Uvarint())
	}
	for _, p := range []*bool{&h.Compressed, &h.HasBackupChecksums, &h.IsReadOnly, &h.IsSingleUser,
		&h.BeginsLogChain, &h.IsForceOffline, &h.IsCopyOnly} {
		*p = d.boolean()
	}
	for _, p := range []*[16]byte{&h.BindingID, &h.FamilyGUID, &h.RecoveryForkID, &h.BackupSetGUID} {
		copy(p[:], d.Take(16))
	}
	h.Files = d.files()
	if d.Len() > 0 { // absent from headers written before these fields
		h.IsDamaged, h.HasIncompleteMetaData = d.boolean(), d.boolean()
	}
	if d.Len() > 0 { // absent from headers written before differential backups
		h.DifferentialBaseLSN = LSN(d.Uvarint())
		copy(h.DifferentialBaseGUID[:], d.Take(16))
	}
	return h
}
