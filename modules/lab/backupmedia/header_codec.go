package backupmedia

import (
	"time"

	"pcsh/modules/lab/bincode"
	"pcsh/modules/lab/sqldb"
)

// EncodeHeader returns the set header record of h (h.Media aside), which
// EncodeSetPrefix frames: strings, numbers, times, LSNs, flags, GUIDs and
// the file list, then the fields added later (damage, differential base)
// that DecodeHeader reads only when present.
func EncodeHeader(h *BackupHeader) []byte {
	var b []byte
	for _, s := range []string{h.BackupName, h.BackupDescription, h.UserName, h.ServerName, h.DatabaseName,
		h.MachineName, h.Collation} {
		b = bincode.AppendString(b, s)
	}
	for _, v := range []int64{int64(h.BackupType), int64(h.Position), h.BackupSize, h.CompressedSize,
		int64(h.CompatibilityLevel), int64(h.RecoveryModel)} {
		b = bincode.AppendVarint(b, v)
	}
	for _, t := range []time.Time{h.ExpirationDate, h.DatabaseCreationDate, h.BackupStartDate, h.BackupFinishDate} {
		b = bincode.AppendTime(b, t)
	}
	for _, l := range []sqldb.LSN{h.FirstLSN, h.LastLSN, h.CheckpointLSN, h.DatabaseBackupLSN} {
		b = bincode.AppendUvarint(b, uint64(l))
	}
	for _, v := range []bool{h.Compressed, h.HasBackupChecksums, h.IsReadOnly, h.IsSingleUser, h.BeginsLogChain,
		h.IsForceOffline, h.IsCopyOnly} {
		b = bincode.AppendBool(b, v)
	}
	for _, g := range [][16]byte{h.BindingID, h.FamilyGUID, h.RecoveryForkID, h.BackupSetGUID} {
		b = append(b, g[:]...)
	}
	b = sqldb.AppendFiles(b, h.Files)
	b = bincode.AppendBool(bincode.AppendBool(b, h.IsDamaged), h.HasIncompleteMetaData)
	b = bincode.AppendUvarint(b, uint64(h.DifferentialBaseLSN))
	return append(b, h.DifferentialBaseGUID[:]...)
}

// DecodeHeader decodes a set header record (Set.Header), ErrCorrupt when
// it is malformed. A header written before the damage or differential
// base fields existed decodes with them zero.
func DecodeHeader(b []byte) (*BackupHeader, error) {
	d := bincode.NewReader(b, ErrCorrupt)
	h := &BackupHeader{}
	for _, p := range []*string{&h.BackupName, &h.BackupDescription, &h.UserName, &h.ServerName, &h.DatabaseName,
		&h.MachineName, &h.Collation} {
		*p = d.Str()
	}
	h.BackupType, h.Position = int(d.Varint()), int(d.Varint())
	h.BackupSize, h.CompressedSize = d.Varint(), d.Varint()
	h.CompatibilityLevel, h.RecoveryModel = uint8(d.Varint()), sqldb.RecoveryModel(d.Varint())
	for _, p := range []*time.Time{&h.ExpirationDate, &h.DatabaseCreationDate, &h.BackupStartDate, &h.BackupFinishDate} {
		*p = d.Time()
	}
	for _, p := range []*sqldb.LSN{&h.FirstLSN, &h.LastLSN, &h.CheckpointLSN, &h.DatabaseBackupLSN} {
		*p = sqldb.LSN(d.Uvarint())
	}
	for _, p := range []*bool{&h.Compressed, &h.HasBackupChecksums, &h.IsReadOnly, &h.IsSingleUser,
		&h.BeginsLogChain, &h.IsForceOffline, &h.IsCopyOnly} {
		*p = d.Bool()
	}
	for _, p := range []*[16]byte{&h.BindingID, &h.FamilyGUID, &h.RecoveryForkID, &h.BackupSetGUID} {
		copy(p[:], d.Take(16))
	}
	h.Files = sqldb.ReadFiles(&d)
	if d.Len() > 0 { // absent from headers written before these fields
		h.IsDamaged, h.HasIncompleteMetaData = d.Bool(), d.Bool()
	}
	if d.Len() > 0 { // absent from headers written before differential backups
		h.DifferentialBaseLSN = sqldb.LSN(d.Uvarint())
		copy(h.DifferentialBaseGUID[:], d.Take(16))
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return h, nil
}
