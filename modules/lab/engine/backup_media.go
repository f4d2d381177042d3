package engine

import (
	"errors"
	"os"
	"path/filepath"

	"pcsh/modules/lab/backupmedia"
)

// backupSet is one set of a backup file (backupmedia.Set) with its header
// decoded.
type backupSet struct {
	*backupmedia.Set
	header *backupmedia.BackupHeader
}

// backupMedia is a parsed backup file with its set headers decoded.
type backupMedia struct {
	media backupmedia.MediaHeader
	sets  []*backupSet
}

// parseBackupFile parses a whole backup file (backupmedia.Parse) and
// decodes its set headers; payload checksums are not checked here (see
// Set.Verify). A malformed file yields errCorrupt.
func parseBackupFile(b []byte) (*backupMedia, error) {
	m, err := backupmedia.Parse(b)
	if err != nil {
		return nil, errCorrupt
	}
	return decodeSets(m)
}

// decodeSets decodes the set headers of m.
func decodeSets(m *backupmedia.Media) (*backupMedia, error) {
	out := &backupMedia{media: m.Header}
	for _, s := range m.Sets {
		h, err := backupmedia.DecodeHeader(s.Header)
		if err != nil {
			return nil, errCorrupt
		}
		h.Media = m.Header
		out.sets = append(out.sets, &backupSet{Set: s, header: h})
	}
	return out, nil
}

// readBackupFile reads and parses the backup device path (as a statement
// names it) on dev, mapping failures to SQL Server's errors (3201 cannot
// open, 3241 malformed).
func readBackupFile(dev backupmedia.Device, path string) (*backupMedia, error) {
	m, err := backupmedia.Read(dev, path)
	if err == nil {
		var sets *backupMedia
		if sets, err = decodeSets(m); err == nil {
			return sets, nil
		}
	}
	if errors.Is(err, backupmedia.ErrCorrupt) || errors.Is(err, errCorrupt) {
		return nil, Raise(3241, path)
	}
	return nil, Raise(3201, path, osErrorText(err))
}

// encodeSetPrefix returns the bytes of a set before its payload.
func encodeSetPrefix(h *backupmedia.BackupHeader, payloadLen int) []byte {
	return backupmedia.EncodeSetPrefix(backupmedia.EncodeHeader(h), payloadLen)
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

// storedSets returns the sets as stored, for a backup appending to the file.
func storedSets(sets []*backupSet) []*backupmedia.Set {
	out := make([]*backupmedia.Set, len(sets))
	for k, s := range sets {
		out[k] = s.Set
	}
	return out
}

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
