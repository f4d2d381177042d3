package engine

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"pcsh/modules/lab/disk"
)

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
// it: Options.Disk's (a UNC share's lab directory), or path.
func (i *Instance) devicePath(path string) string { return i.opts.Disk.Local(path) }

// Disk is the file system of the instance's backup devices
// (Options.Disk), the one the log shipping jobs list, copy and delete
// their files through.
func (i *Instance) Disk() disk.FS { return i.opts.Disk }

// confined is Options.Disk's confinement verdict on the device path as a
// statement names it.
func (i *Instance) confined(path string) error { return i.opts.Disk.Confined(path) }

// readDevice reads and parses the backup device path: Options.Disk's
// confinement and fault plan first (3201 with their OS error), then the
// file behind it, with errors naming the device as the statement did.
func (i *Instance) readDevice(path string) (*backupMedia, error) {
	if err := firstErr(i.confined(path), i.opts.Disk.ReadFault(path)); err != nil {
		return nil, Raise(3201, path, osText(err))
	}
	return readBackupFile(i.opts.Disk, path)
}

// checkDeviceWrite is Options.Disk's verdict on writing the device path: 3202 for a full disk, 3201 for a device that cannot be opened.
func (i *Instance) checkDeviceWrite(path string) error {
	if err := firstErr(i.confined(path), i.opts.Disk.WriteFault(path)); err != nil {
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
