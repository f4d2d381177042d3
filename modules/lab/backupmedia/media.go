package backupmedia

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"time"

	"pcsh/modules/lab/bincode"
)

// Magic opens every backup file; setMagic opens every set.
const (
	Magic    = "PCSHBAK1"
	setMagic = "SET1"
)

// ErrCorrupt is the error of a file that is not a well-formed backup file.
var ErrCorrupt = errors.New("backupmedia: malformed backup file")

// MediaHeader is the media label of a backup file (RESTORE LABELONLY).
type MediaHeader struct {
	MediaName        string
	MediaDescription string
	MediaSetID       [16]byte
	MediaFamilyID    [16]byte
	MediaDate        time.Time
	SoftwareName     string
}

// Media is a parsed backup file: its label and its sets in order.
type Media struct {
	Header MediaHeader
	Sets   []*Set
}

// appendMediaHeader appends the encoding of m.
func appendMediaHeader(dst []byte, m MediaHeader) []byte {
	dst = bincode.AppendString(dst, m.MediaName)
	dst = bincode.AppendString(dst, m.MediaDescription)
	dst = append(dst, m.MediaSetID[:]...)
	dst = append(dst, m.MediaFamilyID[:]...)
	dst = bincode.AppendTime(dst, m.MediaDate)
	return bincode.AppendString(dst, m.SoftwareName)
}

// decodeMediaHeader decodes what appendMediaHeader wrote.
func decodeMediaHeader(b []byte) (MediaHeader, error) {
	d := bincode.NewReader(b, ErrCorrupt)
	m := MediaHeader{MediaName: d.Str(), MediaDescription: d.Str()}
	copy(m.MediaSetID[:], d.Take(16))
	copy(m.MediaFamilyID[:], d.Take(16))
	m.MediaDate = d.Time()
	m.SoftwareName = d.Str()
	return m, d.Err()
}

// EncodeMedia returns the magic and framed media header m, the start of a
// backup file.
func EncodeMedia(m MediaHeader) []byte {
	return bincode.AppendFrame([]byte(Magic), appendMediaHeader(nil, m), bincode.CRCTable())
}

// EncodeSetPrefix returns the bytes of a set before its payload: the set
// header record (header, encoded by the caller) and the payload length.
func EncodeSetPrefix(header []byte, payloadLen int) []byte {
	out := bincode.AppendFrame([]byte(setMagic), header, bincode.CRCTable())
	return binary.LittleEndian.AppendUint64(out, uint64(payloadLen))
}

// Parse parses a whole backup file. Payload checksums are not checked
// here (see Set.Verify); the structure, the header frames and the lengths
// are. A malformed file yields ErrCorrupt.
func Parse(b []byte) (*Media, error) {
	tab := bincode.CRCTable()
	if !bytes.HasPrefix(b, []byte(Magic)) {
		return nil, ErrCorrupt
	}
	label, rest, ok := bincode.ReadFrame(b[len(Magic):], tab)
	if !ok {
		return nil, ErrCorrupt
	}
	h, err := decodeMediaHeader(label)
	if err != nil {
		return nil, ErrCorrupt
	}
	m := &Media{Header: h}
	for len(rest) > 0 {
		set, next, err := parseSet(rest, tab)
		if err != nil {
			return nil, err
		}
		m.Sets = append(m.Sets, set)
		rest = next
	}
	return m, nil
}

// parseSet parses one set at the start of b.
func parseSet(b []byte, tab *crc32.Table) (*Set, []byte, error) {
	start := b
	if !bytes.HasPrefix(b, []byte(setMagic)) {
		return nil, nil, ErrCorrupt
	}
	hdr, rest, ok := bincode.ReadFrame(b[len(setMagic):], tab)
	if !ok || len(rest) < 8 {
		return nil, nil, ErrCorrupt
	}
	n := binary.LittleEndian.Uint64(rest)
	rest = rest[8:]
	if n > uint64(len(rest)) || uint64(len(rest))-n < 4 {
		return nil, nil, ErrCorrupt
	}
	set := &Set{Header: hdr, Payload: rest[:n], CRC: binary.LittleEndian.Uint32(rest[n:])}
	rest = rest[n+4:]
	set.Raw = start[:len(start)-len(rest)]
	return set, rest, nil
}

// labelBytes bounds how much of a file ReadLabel reads.
const labelBytes = 64 << 10

// ReadLabel reads only the media header at the start of r, for BACKUP
// WITH INIT which keeps it and drops the sets.
func ReadLabel(r io.Reader) (MediaHeader, error) {
	head := make([]byte, labelBytes)
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	if !bytes.HasPrefix(head, []byte(Magic)) {
		return MediaHeader{}, ErrCorrupt
	}
	label, _, ok := bincode.ReadFrame(head[len(Magic):], bincode.CRCTable())
	if !ok {
		return MediaHeader{}, ErrCorrupt
	}
	return decodeMediaHeader(label)
}
