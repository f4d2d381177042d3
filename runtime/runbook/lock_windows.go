//go:build windows

package runbook

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockRegion is the byte LockFileEx locks: 4 GiB in, past the holder
// record, because Windows locks are mandatory and a second run must still
// read the record to name the holder.
func lockRegion() *windows.Overlapped { return &windows.Overlapped{OffsetHigh: 1} }

// tryLock locks the lock region of f with LockFileEx without waiting.
func tryLock(f *os.File) error {
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY)
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, lockRegion())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

// unlock releases the lock on f.
func unlock(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockRegion())
}
