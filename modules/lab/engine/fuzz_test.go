package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
)

// sampleBackup returns a small valid backup file with one full and one
// log set.
func sampleBackup() []byte {
	h := &BackupHeader{BackupType: BackupTypeDatabase, DatabaseName: "mgc", FirstLSN: MakeLSN(34, 16, 1),
		LastLSN: MakeLSN(34, 16, 3), Files: defaultFiles("/d", "mgc"), BackupStartDate: time.Unix(1e9, 0)}
	db := newDatabase(DatabaseInfo{ID: 5, Name: "mgc", Files: h.Files})
	t, _ := newTable(chatDef())
	_ = t.put(1, Row{int64(1), "hi", nil}, nil)
	db.tables["dbo.chat"] = t
	var e enc
	e.backupImage(db)
	var buf bytes.Buffer
	_ = writeSets(&buf, encodeMedia(MediaHeader{MediaName: "m"}), nil, encodeSetPrefix(h, len(e.b)), payload{e.b}, func(int) {})
	m, _ := parseBackupFile(buf.Bytes())
	lh := *h
	lh.BackupType = BackupTypeLog
	body := encodeLogRecords([]logRecord{{LSN: 5, End: 9, Ops: []op{{kind: opInsert, table: "dbo.chat", id: 2,
		row: Row{int64(2), "x", sqltype.Decimal{}}}}}}, 0)
	buf.Reset()
	_ = writeSets(&buf, encodeMedia(m.media), m.sets, encodeSetPrefix(&lh, len(body)), payload{body}, func(int) {})
	return buf.Bytes()
}

// sampleWAL returns a framed WAL record.
func sampleWAL() []byte {
	r := &walRecord{seq: 7, kind: walTxn, parts: []walPart{{dbID: 5, rec: logRecord{LSN: 3, End: 5,
		Ops: []op{{kind: opCreateTable, table: "dbo.chat", def: ptr(chatDef())}, {kind: opDelete, table: "dbo.chat", id: 1}}}}}}
	return appendFrame(nil, encodeWAL(r), crcTable())
}

func ptr[T any](v T) *T { return &v }

// FuzzReadBackupFile feeds arbitrary bytes to the backup file reader and
// everything that reads a parsed set: it must refuse, never panic.
func FuzzReadBackupFile(f *testing.F) {
	f.Add(sampleBackup())
	f.Add([]byte(backupMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseBackupFile(b)
		if err != nil {
			return
		}
		for _, s := range m.sets {
			if !s.verify() {
				continue
			}
			p, err := setPayload(s)
			if err != nil {
				continue
			}
			d := newDec(p)
			if s.header.BackupType == BackupTypeLog {
				_, _ = decodeLogPayload(s)
			} else {
				_, _ = d.database()
			}
			_ = headerOnlyRow(s.header)
		}
	})
}

// FuzzDecodeLogRecord feeds arbitrary bytes to the WAL frame and record
// decoders.
func FuzzDecodeLogRecord(f *testing.F) {
	f.Add(sampleWAL())
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, _, ok := readFrame(b, crcTable())
		if ok {
			_, _ = decodeWAL(payload)
		}
		_, _ = decodeWAL(b)
	})
}

// TestWriteFuzzSeeds regenerates testdata/fuzz seeds when
// PCSH_WRITE_FUZZ_SEEDS is set.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("PCSH_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set PCSH_WRITE_FUZZ_SEEDS to regenerate")
	}
	seeds := map[string][]byte{"FuzzReadBackupFile/valid": sampleBackup(), "FuzzDecodeLogRecord/valid": sampleWAL()}
	full := sampleBackup()
	seeds["FuzzReadBackupFile/torn"] = full[:len(full)-7]
	for name, b := range seeds {
		path := filepath.Join("testdata", "fuzz", name)
		must(t, os.MkdirAll(filepath.Dir(path), 0o755))
		must(t, os.WriteFile(path, []byte("go test fuzz v1\n[]byte("+strconv.Quote(string(b))+")\n"), 0o644))
	}
}

func TestSampleBackupParses(t *testing.T) {
	m, err := parseBackupFile(sampleBackup())
	must(t, err)
	if len(m.sets) != 2 || !m.sets[0].verify() || !m.sets[1].verify() {
		t.Fatal("sample backup does not round-trip")
	}
	recs, err := decodeLogPayload(m.sets[1])
	must(t, err)
	if len(recs) != 1 || recs[0].Ops[0].row[1] != "x" {
		t.Fatalf("log records %v", recs)
	}
}
