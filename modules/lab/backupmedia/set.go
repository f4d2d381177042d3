package backupmedia

import (
	"hash/crc32"

	"pcsh/modules/lab/bincode"
)

// Set is one backup set as stored: its header record (a BackupHeader,
// see DecodeHeader), its payload (possibly compressed) and the payload's
// CRC32C.
type Set struct {
	Header  []byte
	Payload []byte
	CRC     uint32
	// Raw is the whole set as stored, for a backup appending to the file.
	Raw []byte
}

// TransferChunk is how much payload a restore reads between progress
// reports.
const TransferChunk = 1 << 20

// PageSize is SQL Server's page size, the unit of the "pages" in backup
// messages.
const PageSize = 8192

// Verify checks the payload checksum.
func (s *Set) Verify() bool { return s.VerifyReporting(nil) }

// VerifyReporting checks the payload checksum a chunk at a time, calling
// report (when not nil) with the bytes read so far after each chunk.
func (s *Set) VerifyReporting(report func(done int)) bool {
	tab := bincode.CRCTable()
	var crc uint32
	for off := 0; off < len(s.Payload); off += TransferChunk {
		end := min(off+TransferChunk, len(s.Payload))
		crc = crc32.Update(crc, tab, s.Payload[off:end])
		if report != nil {
			report(end)
		}
	}
	return crc == s.CRC
}

// FirstBadPage returns the 8 KiB page number of the first damaged byte,
// for error 3183; it compares against nothing, so it reports the page
// where the payload's last verified prefix ends (page 1 when unknown).
func (s *Set) FirstBadPage() int64 { return 1 + int64(len(s.Payload))/(2*PageSize) }
