package backupmedia

import (
	"encoding/binary"
	"errors"
	"io"
)

// Device is where backup files live, as BACKUP … TO DISK names them: the
// lab's file system (disk.FS: UNC shares, the fault plan, the backup
// directories; its zero value is a plain disk file of the operating
// system). WriteAtomic replaces a file so that a failure leaves the old
// one.
type Device interface {
	ReadFile(path string) ([]byte, error)
	Open(path string) (io.ReadCloser, error)
	WriteAtomic(path string, write func(w io.Writer) error) error
}

// Read reads and parses the backup file at path on dev: the device's
// error when it cannot be read, ErrCorrupt when it is malformed.
func Read(dev Device, path string) (*Media, error) {
	b, err := dev.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// ReadLabelAt reads only the media header of the backup file at path on
// dev (see ReadLabel).
func ReadLabelAt(dev Device, path string) (MediaHeader, error) {
	f, err := dev.Open(path)
	if err != nil {
		return MediaHeader{}, err
	}
	defer f.Close()
	return ReadLabel(f)
}

// Write replaces the backup file at path on dev with media (EncodeMedia),
// the kept sets as stored, then a new set: prefix (EncodeSetPrefix), body
// and its checksum. progress is called with the bytes of body written so
// far.
func Write(dev Device, path string, media []byte, kept []*Set, prefix []byte, body Payload, progress func(done int)) error {
	return dev.WriteAtomic(path, func(w io.Writer) error { return WriteSets(w, media, kept, prefix, body, progress) })
}

// WriteSets streams a backup file's contents to w (see Write).
func WriteSets(w io.Writer, media []byte, kept []*Set, prefix []byte, body Payload, progress func(done int)) error {
	if _, err := w.Write(media); err != nil {
		return err
	}
	for _, s := range kept {
		if _, err := w.Write(s.Raw); err != nil {
			return err
		}
	}
	if _, err := w.Write(prefix); err != nil {
		return err
	}
	if err := body.WriteTo(w, progress); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, body.CRC()))
	return err
}

// IsCorrupt reports whether err is a malformed backup file's.
func IsCorrupt(err error) bool { return errors.Is(err, ErrCorrupt) }
