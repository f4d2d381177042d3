package engine

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"

	"pcsh/modules/lab/disk"
)

// The backup file format:
//
//	"PCSHBAK1"                           magic
//	frame(media header)                  [len u32][crc32c u32][payload]
//	set*:
//	  "SET1"
//	  frame(backup set header)
//	  [payload length u64] payload [crc32c of payload u32]
//
// A file is written to a temporary name and renamed into place
// (disk.WriteAtomic), so a crash leaves either the old file or the
// complete new one (and the temporary file, which the next backup to the
// same target removes).
const (
	backupMagic = "PCSHBAK1"
	setMagic    = "SET1"
)

// MediaHeader is the media label of a backup file (RESTORE LABELONLY).
type MediaHeader struct {
	MediaName        string
	MediaDescription string
	MediaSetID       [16]byte
	MediaFamilyID    [16]byte
	MediaDate        time.Time
	SoftwareName     string
}

// backupSet is one set found in a file: its header and payload.
type backupSet struct {
	header  *BackupHeader
	payload []byte // as stored (possibly compressed)
	crc     uint32
	raw     []byte // the whole set as stored, for appending
}

// backupMedia is a parsed backup file.
type backupMedia struct {
	media MediaHeader
	sets  []*backupSet
}

func (e *enc) mediaHeader(m MediaHeader) {
	e.str(m.MediaName)
	e.str(m.MediaDescription)
	e.b = append(e.b, m.MediaSetID[:]...)
	e.b = append(e.b, m.MediaFamilyID[:]...)
	e.time(m.MediaDate)
	e.str(m.SoftwareName)
}

func (d *dec) mediaHeader() MediaHeader {
	m := MediaHeader{MediaName: d.Str(), MediaDescription: d.Str()}
	copy(m.MediaSetID[:], d.Take(16))
	copy(m.MediaFamilyID[:], d.Take(16))
	m.MediaDate = d.time()
	m.SoftwareName = d.Str()
	return m
}

// encodeMedia returns the magic and framed media header.
func encodeMedia(m MediaHeader) []byte {
	var e enc
	e.mediaHeader(m)
	return appendFrame([]byte(backupMagic), e.b, crcTable())
}

// encodeSetPrefix returns the bytes of a set before its payload.
func encodeSetPrefix(h *BackupHeader, payloadLen int) []byte {
	var e enc
	e.backupHeader(h)
	out := appendFrame([]byte(setMagic), e.b, crcTable())
	return binary.LittleEndian.AppendUint64(out, uint64(payloadLen))
}

// parseBackupFile parses a whole backup file. Payload checksums are not
// checked here (see backupSet.verify); the structure, headers and lengths
// are. A malformed file yields errCorrupt.
func parseBackupFile(b []byte) (*backupMedia, error) {
	tab := crcTable()
	if !bytes.HasPrefix(b, []byte(backupMagic)) {
		return nil, errCorrupt
	}
	payload, rest, ok := readFrame(b[len(backupMagic):], tab)
	if !ok {
		return nil, errCorrupt
	}
	d := newDec(payload)
	m := &backupMedia{media: d.mediaHeader()}
	if d.Err() != nil {
		return nil, errCorrupt
	}
	for len(rest) > 0 {
		set, next, err := parseSet(rest, tab)
		if err != nil {
			return nil, err
		}
		set.header.media = m.media
		m.sets = append(m.sets, set)
		rest = next
	}
	return m, nil
}

// parseSet parses one set at the start of b.
func parseSet(b []byte, tab *crc32.Table) (*backupSet, []byte, error) {
	start := b
	if !bytes.HasPrefix(b, []byte(setMagic)) {
		return nil, nil, errCorrupt
	}
	hdr, rest, ok := readFrame(b[len(setMagic):], tab)
	if !ok || len(rest) < 8 {
		return nil, nil, errCorrupt
	}
	d := newDec(hdr)
	h := d.backupHeader()
	n := binary.LittleEndian.Uint64(rest)
	rest = rest[8:]
	if d.Err() != nil || n > uint64(len(rest)) || uint64(len(rest))-n < 4 {
		return nil, nil, errCorrupt
	}
	set := &backupSet{header: h, payload: rest[:n], crc: binary.LittleEndian.Uint32(rest[n:])}
	rest = rest[n+4:]
	set.raw = start[:len(start)-len(rest)]
	return set, rest, nil
}

// verify checks the payload checksum.
func (s *backupSet) verify() bool { return s.verifyReporting(nil) }

// transferChunk is how much payload a restore reads between progress
// reports.
const transferChunk = 1 << 20

// verifyReporting checks the payload checksum a chunk at a time, calling
// report (when not nil) with the bytes read so far after each chunk.
func (s *backupSet) verifyReporting(report func(done int)) bool {
	tab := crcTable()
	var crc uint32
	for off := 0; off < len(s.payload); off += transferChunk {
		end := min(off+transferChunk, len(s.payload))
		crc = crc32.Update(crc, tab, s.payload[off:end])
		if report != nil {
			report(end)
		}
	}
	return crc == s.crc
}

// firstBadPage returns the 8 KiB page number of the first damaged byte, for
// error 3183; it compares against nothing, so it reports the page where
// the payload's last verified prefix ends (page 1 when unknown).
func (s *backupSet) firstBadPage() int64 { return 1 + int64(len(s.payload))/(2*pageSize) }

// pageSize is SQL Server's page size, the unit of the "pages" in backup
// messages.
const pageSize = 8192

// osErrorText renders an OS error as SQL Server's 3201 insert: the
// Windows error number and text.
func osErrorText(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		var pe *os.PathError
		if errors.As(err, &pe) {
			if _, serr := os.Stat(filepath.Dir(pe.Path)); serr != nil {
				return "3(The system cannot find the path specified.)"
			}
		}
		return "2(The system cannot find the file specified.)"
	case errors.Is(err, os.ErrPermission):
		return "5(Access is denied.)"
	}
	return "1117(The request could not be performed because of an I/O device error.)"
}

// readBackupFile reads and parses the backup device at path, mapping
// failures to SQL Server's errors (3201 cannot open, 3241 malformed).
func readBackupFile(path string) (*backupMedia, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, Raise(3201, path, osErrorText(err))
	}
	m, err := parseBackupFile(b)
	if err != nil {
		return nil, Raise(3241, path)
	}
	return m, nil
}

// readMediaHeader reads only the media header of a backup file, for
// BACKUP WITH INIT which keeps it and drops the sets.
func readMediaHeader(path string) (MediaHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return MediaHeader{}, err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if !bytes.HasPrefix(head, []byte(backupMagic)) {
		return MediaHeader{}, errCorrupt
	}
	payload, _, ok := readFrame(head[len(backupMagic):], crcTable())
	if !ok {
		return MediaHeader{}, errCorrupt
	}
	d := newDec(payload)
	m := d.mediaHeader()
	return m, d.Err()
}

// pickSet returns set number file (1-based; 0 means 1) or raises 4038.
func (m *backupMedia) pickSet(file int, path string) (*backupSet, error) {
	if file == 0 {
		file = 1
	}
	if file < 1 || file > len(m.sets) {
		return nil, Raise(4038, file, path)
	}
	return m.sets[file-1], nil
}

// writeBackupFile writes media + kept sets + the new set to path
// atomically (disk.WriteAtomic): a crash leaves the old file or the new
// one; progress is called with the bytes of new payload written so far.
func writeBackupFile(path string, media []byte, kept []*backupSet, prefix []byte, body payload, progress func(done int)) error {
	return disk.WriteAtomic(path, 0o644, func(w io.Writer) error { return writeSets(w, media, kept, prefix, body, progress) })
}

// writeSets streams the file contents to w.
func writeSets(w io.Writer, media []byte, kept []*backupSet, prefix []byte, body payload, progress func(int)) error {
	if _, err := w.Write(media); err != nil {
		return err
	}
	for _, s := range kept {
		if _, err := w.Write(s.raw); err != nil {
			return err
		}
	}
	if _, err := w.Write(prefix); err != nil {
		return err
	}
	if err := body.writeTo(w, progress); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, body.crc()))
	return err
}
