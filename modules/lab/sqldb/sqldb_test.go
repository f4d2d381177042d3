package sqldb

import (
	"errors"
	"reflect"
	"testing"

	"pcsh/modules/lab/bincode"
)

var errTest = errors.New("bad file list")

// TestFilesRoundTrip: a file list reads back as written, an empty one as
// nil, and a torn one fails the reader.
func TestFilesRoundTrip(t *testing.T) {
	files := []File{{FileID: 1, LogicalName: "mgc", PhysicalName: `D:\mgc.mdf`, Type: 'D'},
		{FileID: 2, LogicalName: "mgc_log", PhysicalName: `L:\mgc_log.ldf`, Type: 'L'}}
	b := AppendFiles(nil, files)
	r := bincode.NewReader(b, errTest)
	if got := ReadFiles(&r); !reflect.DeepEqual(got, files) || r.Err() != nil || r.Len() != 0 {
		t.Fatalf("read %+v, err %v", got, r.Err())
	}
	r = bincode.NewReader(AppendFiles(nil, nil), errTest)
	if got := ReadFiles(&r); got != nil || r.Err() != nil {
		t.Fatalf("empty list read %+v, err %v", got, r.Err())
	}
	r = bincode.NewReader(b[:len(b)-3], errTest)
	if ReadFiles(&r); !errors.Is(r.Err(), errTest) {
		t.Fatalf("torn list: err %v", r.Err())
	}
}

// TestLSNParts: an LSN packs VLF, block and slot in its decimal digits,
// and the next record's LSN spills into the next block.
func TestLSNParts(t *testing.T) {
	l := MakeLSN(34, 123, 1)
	if l.String() != "34000000012300001" || l.VLF() != 34 || l.Block() != 123 || l.Slot() != 1 {
		t.Fatalf("%s: %d %d %d", l, l.VLF(), l.Block(), l.Slot())
	}
	if n := MakeLSN(34, 16, slotsPerBlock).Next(); n != MakeLSN(34, 24, 1) {
		t.Errorf("after a full block: %s", n)
	}
	if LSN(0).Decimal() != nil {
		t.Error("LSN 0 is NULL")
	}
}

// TestRecoveryModelNames: sys.databases spells BULK_LOGGED, backupset
// and HEADERONLY BULK-LOGGED.
func TestRecoveryModelNames(t *testing.T) {
	if RecoveryBulkLogged.String() != "BULK_LOGGED" || RecoveryBulkLogged.BackupName() != "BULK-LOGGED" ||
		RecoveryFull.BackupName() != "FULL" || RecoverySimple.String() != "SIMPLE" {
		t.Fatal("recovery model names")
	}
}
