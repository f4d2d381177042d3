package backupmedia

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"pcsh/modules/lab/sqldb"
)

// fullHeader is a set header with every field set: the header whose
// encoding, written by the engine before the header left it, is the
// seed FuzzHeader/full.
func fullHeader() *BackupHeader {
	day := func(y int, m time.Month, d, h, min, s, ns int) time.Time {
		return time.Date(y, m, d, h, min, s, ns, time.UTC)
	}
	return &BackupHeader{BackupName: "mgc-Full Database Backup", BackupDescription: "nightly",
		BackupType: BackupTypeDifferential, ExpirationDate: day(2027, 1, 2, 3, 4, 5, 0), Compressed: true, Position: 3,
		UserName: "sa", ServerName: "DC1-SQL1", DatabaseName: "mgc", DatabaseCreationDate: day(2014, 5, 6, 7, 8, 9, 123456700),
		BackupSize: 1 << 33, CompressedSize: 123456789, FirstLSN: sqldb.MakeLSN(34, 16, 1), LastLSN: sqldb.MakeLSN(35, 40, 7),
		CheckpointLSN: sqldb.MakeLSN(34, 800, 2), DatabaseBackupLSN: sqldb.MakeLSN(33, 16, 1),
		BackupStartDate: day(2026, 12, 8, 1, 2, 3, 0), BackupFinishDate: day(2026, 12, 8, 1, 2, 4, 500),
		CompatibilityLevel: 110, MachineName: "DC1-SQL1", HasBackupChecksums: true, IsReadOnly: true, IsSingleUser: true,
		BeginsLogChain: true, IsForceOffline: true, IsCopyOnly: true, BindingID: [16]byte{1, 2, 3}, FamilyGUID: [16]byte{4, 5},
		RecoveryForkID: [16]byte{6}, BackupSetGUID: [16]byte{7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22},
		Collation: "SQL_Latin1_General_CP1_CI_AS", RecoveryModel: sqldb.RecoveryBulkLogged,
		Files: []sqldb.File{{FileID: 1, LogicalName: "mgc", PhysicalName: `D:\data\mgc.mdf`, Type: 'D'},
			{FileID: 2, LogicalName: "mgc_log", PhysicalName: `L:\log\mgc_log.ldf`, Type: 'L'}},
		IsDamaged: true, HasIncompleteMetaData: true, DifferentialBaseLSN: sqldb.MakeLSN(34, 800, 2),
		DifferentialBaseGUID: [16]byte{0xaa, 0xbb}}
}

// TestHeaderEncodingUnchanged: the set header encodes to the bytes the
// engine wrote before the header moved here, with every field set and
// with none, and those bytes decode back to the header.
func TestHeaderEncodingUnchanged(t *testing.T) {
	for name, h := range map[string]*BackupHeader{"full": fullHeader(), "zero": {}} {
		want := readCorpus(t, "FuzzHeader", name)
		if got := EncodeHeader(h); !bytes.Equal(got, want) {
			t.Errorf("%s: the set header encoding changed:\n got %q\nwant %q", name, got, want)
		}
		back, err := DecodeHeader(want)
		if err != nil || !bytes.Equal(EncodeHeader(back), want) {
			t.Errorf("%s: decode %v", name, err)
		}
	}
	back, _ := DecodeHeader(readCorpus(t, "FuzzHeader", "full"))
	if want := fullHeader(); !reflect.DeepEqual(back, want) {
		t.Errorf("decoded %+v\nwant %+v", back, want)
	}
}

// TestOlderHeaderDecodes: a set header written before the damage and
// differential base fields (the full set of FuzzParse/valid) decodes
// with them zero; a torn header is refused.
func TestOlderHeaderDecodes(t *testing.T) {
	older := readCorpus(t, "FuzzHeader", "older")
	h, err := DecodeHeader(older)
	if err != nil || h.DatabaseName != "mgc" || h.BackupType != BackupTypeDatabase || len(h.Files) != 2 ||
		h.FirstLSN != sqldb.MakeLSN(34, 16, 1) || h.IsDamaged || h.DifferentialBaseLSN != 0 {
		t.Fatalf("older header: %v %+v", err, h)
	}
	if len(EncodeHeader(h)) <= len(older) {
		t.Fatal("the older seed already has the later fields")
	}
	if _, err := DecodeHeader(readCorpus(t, "FuzzHeader", "torn")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("torn header: %v", err)
	}
}

// TestHeaderDescriptions: a set's backupset.type, BackupTypeDescription,
// statement and Flags follow its type and options.
func TestHeaderDescriptions(t *testing.T) {
	for _, c := range []struct {
		h                  BackupHeader
		letter, desc, stmt string
		flags              int64
	}{
		{BackupHeader{BackupType: BackupTypeDatabase, HasBackupChecksums: true}, "D", "DATABASE", "BACKUP DATABASE", 16},
		{BackupHeader{BackupType: BackupTypeDifferential, IsReadOnly: true}, "I", "DATABASE DIFFERENTIAL", "BACKUP DATABASE", 4},
		{BackupHeader{BackupType: BackupTypeLog, IsForceOffline: true}, "L", "TRANSACTION LOG", "BACKUP LOG", 64 | 256},
		{BackupHeader{BackupType: BackupTypeLog, IsDamaged: true, HasIncompleteMetaData: true}, "L", "TRANSACTION LOG", "BACKUP LOG", 32 | 64 | 128},
	} {
		if c.h.TypeLetter() != c.letter || c.h.TypeDescription() != c.desc || c.h.Statement() != c.stmt || c.h.Flags() != c.flags {
			t.Errorf("%+v: %s %s %s %d", c.h, c.h.TypeLetter(), c.h.TypeDescription(), c.h.Statement(), c.h.Flags())
		}
	}
	diff := BackupHeader{BackupType: BackupTypeDifferential, DifferentialBaseGUID: [16]byte{1}}
	if diff.DifferentialBaseGUIDValue() != [16]byte{1} || (&BackupHeader{DifferentialBaseGUID: [16]byte{1}}).DifferentialBaseGUIDValue() != nil {
		t.Error("DifferentialBaseGUIDValue is the GUID for a differential only")
	}
}

// FuzzHeader feeds arbitrary bytes to the set header decoder: it refuses
// with ErrCorrupt, never panics, and what it accepts encodes to bytes
// that decode to the same encoding again.
func FuzzHeader(f *testing.F) {
	f.Add(EncodeHeader(fullHeader()))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := DecodeHeader(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) || h != nil {
				t.Fatalf("refusal %v with %+v", err, h)
			}
			return
		}
		enc := EncodeHeader(h)
		again, err := DecodeHeader(enc)
		if err != nil || !bytes.Equal(EncodeHeader(again), enc) {
			t.Fatalf("re-encoded header does not read back: %v", err)
		}
		_, _, _, _, _ = h.TypeLetter(), h.TypeDescription(), h.Statement(), h.Flags(), h.DifferentialBaseGUIDValue()
	})
}
