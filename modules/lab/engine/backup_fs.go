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
func (i *Instance) writeSetFS(path string, h *BackupHeader, body []byte, fsys BackupFS, opts BackupOptions) error {
	h.BackupSize = int64(len(body))
	if opts.Compression {
		body = compress(payload{body})
	}
	h.CompressedSize = int64(len(body))
	h.Position = 1
	h.BackupFinishDate = i.now()
	h.media = MediaHeader{MediaName: opts.MediaName, MediaSetID: uuid.New(), MediaFamilyID: uuid.New(),
		MediaDate: i.now(), SoftwareName: "Microsoft SQL Server"}
	media := encodeMedia(h.media)
	var buf bytes.Buffer
	p := newProgress(opts.Stats, len(body), opts.Messages)
	if err := writeSets(&buf, media, nil, encodeSetPrefix(h, len(body)), payload{body}, p.update); err != nil {
		return err
	}
	if err := fsys.WriteFile(path, buf.Bytes()); err != nil {
		return writeFailed(path, err)
	}
	p.update(len(body))
	return nil
}

// writeFailed is 3202, "Write on "path" failed: <OS error>", for a write
// that could not complete (a full disk); a file that cannot be created
// and any other error the lab's fault plan quotes (an unreachable share)
// are 3201, "Cannot open backup device".
func writeFailed(path string, err error) *Error {
	text := osText(err)
	_, quoted := quotedText(err)
	var pe *fs.PathError
	if text != diskFullText && (quoted || errors.As(err, &pe) && pe.Op == "open") {
		return Raise(3201, path, text)
	}
	return &Error{Number: 3202, Severity: 16, State: 1, Message: `Write on "` + path + `" failed: ` + text}
}

// diskFullText is ERROR_DISK_FULL as SQL Server quotes it.
const diskFullText = "112(There is not enough space on the disk.)"

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

// devicePath is the file behind a backup device path as a statement names
// it: Options.MapPath's answer (a UNC share's lab directory), or path.
func (i *Instance) devicePath(path string) string {
	if i.opts.MapPath == nil {
		return path
	}
	return i.opts.MapPath(path)
}

// readDevice reads and parses the backup device path: Options.CheckRead
// first (3201 with its OS error), then the file behind it, with errors
// naming the device as the statement did.
func (i *Instance) readDevice(path string) (*backupMedia, error) {
	if err := firstErr(i.confined(path), check(i.opts.CheckRead, path)); err != nil {
		return nil, Raise(3201, path, osText(err))
	}
	local := i.devicePath(path)
	m, err := readBackupFile(local)
	return m, renameDevice(err, local, path)
}

// checkDeviceWrite is Options.CheckWrite's verdict on writing the device
// path: 3202 for a full disk, 3201 for a device that cannot be opened.
func (i *Instance) checkDeviceWrite(path string) error {
	if err := firstErr(i.confined(path), check(i.opts.CheckWrite, path)); err != nil {
		return writeFailed(path, err)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// check runs an optional path check.
func check(f func(string) error, path string) error {
	if f == nil {
		return nil
	}
	return f(path)
}

// osText is an OS error as SQL Server quotes it: as given when already
// quoted (the lab's fault plan), else translated.
func osText(err error) string {
	if text, ok := quotedText(err); ok {
		return text
	}
	if errors.Is(err, syscall.ENOSPC) {
		return diskFullText
	}
	return osErrorText(err)
}

// quotedText returns the OS error err carries already quoted, as the
// lab's fault plan produces them ("53(The network path was not
// found.)"), if it carries one.
func quotedText(err error) (string, bool) {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error(), quotedOSError(err.Error())
}

// renameDevice makes an engine error about the file local name the device
// path instead.
func renameDevice(err error, local, path string) error {
	var e *Error
	if local == path || !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = strings.ReplaceAll(e.Message, local, path)
	return &out
}
