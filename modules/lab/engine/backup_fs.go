package engine

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"github.com/google/uuid"
)

// BackupFS is the file system a log backup can be written through instead
// of the operating system's, so a lab fault (a full disk on a share) can
// be injected. WriteFile must write the whole file atomically: a failed
// write leaves no file at path.
type BackupFS interface {
	WriteFile(path string, data []byte) error
}

// BackupLogFS is BackupLog writing a new backup file (a new media set, as
// the log shipping backup job's per-backup files are) through fsys. The
// chain only moves past the backup when the write succeeded. A failed
// write raises 3202 with the operating system error, then 3013.
func (i *Instance) BackupLogFS(ctx context.Context, s *Session, name, path string, fsys BackupFS, opts BackupOptions) error {
	return terminating("BACKUP LOG", i.backupLogFS(ctx, s, name, path, fsys, opts))
}

func (i *Instance) backupLogFS(ctx context.Context, s *Session, name, path string, fsys BackupFS, opts BackupOptions) error {
	db, err := i.logBackupSource(name, opts)
	if err != nil {
		return err
	}
	if err := i.logBackupAllowed(db, s, opts); err != nil {
		return err
	}
	start := i.now()
	h, payload := i.logSet(s, db, opts)
	if err := i.writeSetFS(path, h, payload, fsys, opts); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "BACKUP LOG", h.DatabaseName, logOnly(h.Files, h.BackupSize), start)
	i.afterLogBackup(db, h, opts)
	if err := i.logMeta(db, true); err != nil {
		return err
	}
	return i.recordBackup(ctx, h, path)
}

// writeSetFS encodes a one-set backup file and writes it through fsys.
func (i *Instance) writeSetFS(path string, h *BackupHeader, payload []byte, fsys BackupFS, opts BackupOptions) error {
	h.BackupSize = int64(len(payload))
	if opts.Compression {
		payload = compress(payload)
	}
	h.CompressedSize = int64(len(payload))
	h.Position = 1
	h.BackupFinishDate = i.now()
	media := encodeMedia(MediaHeader{MediaName: opts.MediaName, MediaSetID: uuid.New(), MediaFamilyID: uuid.New(),
		MediaDate: i.now(), SoftwareName: "Microsoft SQL Server"})
	var buf bytes.Buffer
	p := newProgress(opts.Stats, len(payload), opts.Messages)
	if err := writeSets(&buf, media, nil, encodeSetPrefix(h, len(payload)), payload, p.update); err != nil {
		return err
	}
	if err := fsys.WriteFile(path, buf.Bytes()); err != nil {
		return writeFailed(path, err)
	}
	p.update(len(payload))
	return nil
}

// writeFailed is 3202, "Write on "path" failed: <OS error>", for a write
// that could not complete; a file that cannot be created is 3201.
func writeFailed(path string, err error) *Error {
	if errors.Is(err, syscall.ENOSPC) {
		return &Error{Number: 3202, Severity: 16, State: 1,
			Message: `Write on "` + path + `" failed: 112(There is not enough space on the disk.)`}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && quotedOSError(pe.Err.Error()) {
		return &Error{Number: 3202, Severity: 16, State: 1, Message: `Write on "` + path + `" failed: ` + pe.Err.Error()}
	}
	if errors.As(err, &pe) && pe.Op == "open" {
		return Raise(3201, path, osErrorText(err))
	}
	return &Error{Number: 3202, Severity: 16, State: 1, Message: `Write on "` + path + `" failed: ` + osErrorText(err)}
}

// quotedOSError reports whether s is already an OS error as SQL Server
// quotes it, "<code>(<text>)" (the lab's fault plan produces these).
func quotedOSError(s string) bool {
	open := strings.IndexByte(s, '(')
	if open < 1 || !strings.HasSuffix(s, ")") {
		return false
	}
	for _, c := range s[:open] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
