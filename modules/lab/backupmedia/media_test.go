package backupmedia

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/disk"
)

// readSeed returns the bytes of a seed corpus file of FuzzParse.
func readSeed(t testing.TB, name string) []byte {
	t.Helper()
	return readCorpus(t, "FuzzParse", name)
}

// readCorpus returns the bytes of seed corpus file name of fuzz target.
func readCorpus(t testing.TB, target, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz", target, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	lit, ok := strings.CutPrefix(lines[len(lines)-1], "[]byte(")
	s, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
	if !ok || err != nil {
		t.Fatalf("seed %s: %v", name, err)
	}
	return []byte(s)
}

// TestExistingBackupFileParses: a backup file the engine wrote before the
// format had a package of its own (a full and a log set) still parses,
// its label reads and its payloads verify; the torn copy is refused.
func TestExistingBackupFileParses(t *testing.T) {
	b := readSeed(t, "valid")
	m, err := Parse(b)
	if err != nil || len(m.Sets) != 2 || !m.Sets[0].Verify() || !m.Sets[1].Verify() || m.Header.MediaName != "m" {
		t.Fatalf("parse: %v %+v", err, m)
	}
	if label, err := ReadLabel(bytes.NewReader(b)); err != nil || label != m.Header {
		t.Fatalf("label %+v %v", label, err)
	}
	if _, err := Parse(readSeed(t, "torn")); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("torn file: %v", err)
	}
}

// TestWriteAppendsSets: a file written with the sets of another kept as
// stored and a new set parses back to those sets, and rewriting a parsed
// file with its own sets gives the same bytes.
func TestWriteAppendsSets(t *testing.T) {
	label := MediaHeader{MediaName: "pchat", MediaSetID: [16]byte{1}, MediaDate: time.Unix(1e9, 0).UTC(), SoftwareName: "Microsoft SQL Server"}
	var first bytes.Buffer
	body := Payload{[]byte("seg1"), []byte("seg2")}
	if err := WriteSets(&first, EncodeMedia(label), nil, EncodeSetPrefix([]byte("hdr1"), body.Size()), body, func(int) {}); err != nil {
		t.Fatal(err)
	}
	m, err := Parse(first.Bytes())
	if err != nil || len(m.Sets) != 1 || string(m.Sets[0].Header) != "hdr1" || string(m.Sets[0].Payload) != "seg1seg2" {
		t.Fatalf("first file: %v %+v", err, m)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "pchat.bak")
	second := Payload{[]byte("log")}
	var done int
	if err := Write(disk.FS{}, path, EncodeMedia(m.Header), m.Sets, EncodeSetPrefix([]byte("hdr2"), 3), second,
		func(n int) { done = n }); err != nil {
		t.Fatal(err)
	}
	got, err := Read(disk.FS{}, path)
	if err != nil || len(got.Sets) != 2 || got.Header != label || string(got.Sets[1].Payload) != "log" || !got.Sets[1].Verify() || done != 3 {
		t.Fatalf("appended file: %v %+v (progress %d)", err, got, done)
	}
	var again bytes.Buffer
	if err := WriteSets(&again, EncodeMedia(got.Header), got.Sets[:1], EncodeSetPrefix([]byte("hdr2"), 3), second, func(int) {}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, again.Bytes()) {
		t.Fatal("rewriting the parsed file changed its bytes")
	}
}

// FuzzParse feeds arbitrary bytes to the backup file parser and the
// label reader: they must refuse, never panic, and agree on the label.
func FuzzParse(f *testing.F) {
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		label, lerr := ReadLabel(bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(b) <= labelBytes && (lerr != nil || label != m.Header) {
			t.Fatalf("parsed label %+v, ReadLabel %+v %v", m.Header, label, lerr)
		}
		for _, s := range m.Sets {
			_ = s.Verify()
			_ = s.FirstBadPage()
			_, _ = DecodeHeader(s.Header)
		}
	})
}

// The lab's file system is a backup device.
var _ Device = disk.FS{}
