package bincode

import (
	"encoding/binary"
	"hash/crc32"
)

// CRCTable is the Castagnoli polynomial table (CRC32C) of every checksum
// the lab's files carry: frames, backup payloads, checkpoint images.
func CRCTable() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }

// FrameHeader is the size of a frame header: length and CRC32C.
const FrameHeader = 8

// maxFrame bounds a frame's payload so a corrupt length cannot force a
// huge allocation.
const maxFrame = 1 << 31

// AppendFrame appends payload framed as [len u32][crc32c u32][payload]:
// the records of the WAL, checkpoint manifests, backup file headers.
func AppendFrame(dst, payload []byte, tab *crc32.Table) []byte {
	return append(AppendFrameHeader(dst, payload, tab), payload...)
}

// AppendFrameHeader appends only the frame header of payload, for writers
// that send a large payload without copying it.
func AppendFrameHeader(dst, payload []byte, tab *crc32.Table) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	return binary.LittleEndian.AppendUint32(dst, crc32.Checksum(payload, tab))
}

// ReadFrame splits the first frame off b. ok is false for a torn or
// corrupt frame.
func ReadFrame(b []byte, tab *crc32.Table) (payload, rest []byte, ok bool) {
	if len(b) < FrameHeader {
		return nil, b, false
	}
	n := uint64(binary.LittleEndian.Uint32(b))
	if n > uint64(len(b)-FrameHeader) || n > maxFrame {
		return nil, b, false
	}
	payload = b[FrameHeader : FrameHeader+n]
	if crc32.Checksum(payload, tab) != binary.LittleEndian.Uint32(b[4:]) {
		return nil, b, false
	}
	return payload, b[FrameHeader+n:], true
}
