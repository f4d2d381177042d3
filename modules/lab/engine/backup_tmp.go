package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A backup is written to "<target>.tmp-<base36 UnixNano>" next to its
// target and renamed into place. A process killed while writing leaves
// that file behind; the next backup to the same target removes it. A
// temporary file is live while its writer holds it: registered in
// liveBackupTemps (this process) and, where the system has flock, locked
// (any process). A process's locks die with it, so a leftover of a killed
// process is never locked, and a live one is never removed.

// liveBackupTemps holds the absolute paths of the temporary files this
// process is writing.
var liveBackupTemps sync.Map

// backupTempInfix separates a target's name from a temporary file's
// stamp.
const backupTempInfix = ".tmp-"

// backupTempAttempts bounds how often createBackupTemp picks a new name
// after losing a race with another backup's cleanup.
const backupTempAttempts = 8

// tempKey is the registry key of a temporary file path.
func tempKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// isBackupTempOf reports whether name, a directory entry, is a temporary
// file of the backup target named base: base, ".tmp-", then a positive
// number in lower-case base 36.
func isBackupTempOf(name, base string) bool {
	stamp, ok := strings.CutPrefix(name, base+backupTempInfix)
	if !ok || stamp == "" {
		return false
	}
	for _, c := range stamp {
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') {
			return false
		}
	}
	n, err := strconv.ParseInt(stamp, 36, 64)
	return err == nil && n > 0
}

// createBackupTemp creates, registers and locks a new temporary file for
// the backup target path and returns its name and the open file. The
// caller writes it, then calls finishBackupTemp.
func createBackupTemp(path string) (string, *os.File, error) {
	for attempt := 1; ; attempt++ {
		tmp := path + backupTempInfix + strconv.FormatInt(time.Now().UnixNano(), 36)
		key := tempKey(tmp)
		liveBackupTemps.Store(key, struct{}{})
		f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o644)
		if err != nil {
			liveBackupTemps.Delete(key)
			if errors.Is(err, os.ErrExist) && attempt < backupTempAttempts {
				continue
			}
			return "", nil, err
		}
		// Another process's cleanup may have opened the file between its
		// creation and the lock, found it unlocked and removed it: then
		// the lock is refused or the name no longer leads to the file.
		if !lockBackupTemp(f) && stillNamed(f, tmp) {
			return tmp, f, nil
		}
		f.Close()
		liveBackupTemps.Delete(key)
		if attempt >= backupTempAttempts {
			return "", nil, errors.New("engine: backup temporary files of " + path + " keep disappearing")
		}
	}
}

// finishBackupTemp ends the write of temporary file f, named tmp: when
// err is nil it syncs f and renames it to path, else (or if that fails)
// it removes it. Where open files can be renamed the rename happens
// before the close, so the file stays locked until it has its final name.
func finishBackupTemp(f *os.File, tmp, path string, err error) error {
	defer liveBackupTemps.Delete(tempKey(tmp))
	if err == nil {
		err = f.Sync()
	}
	renamed := false
	if err == nil && renameOpenFiles {
		err = os.Rename(tmp, path)
		renamed = err == nil
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !renamed {
		err = os.Rename(tmp, path)
	}
	if err != nil && !renamed {
		os.Remove(tmp)
	}
	return err
}

// stillNamed reports whether the name path still leads to the open file
// f.
func stillNamed(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// sweepBackupTemps removes the temporary files of the backup target path
// that no live backup is writing: those a killed process left behind.
// Failures are ignored; a file that cannot be removed now is tried again
// by the next backup to the target.
func sweepBackupTemps(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isBackupTempOf(e.Name(), base) {
			continue
		}
		tmp := filepath.Join(dir, e.Name())
		if _, live := liveBackupTemps.Load(tempKey(tmp)); live {
			continue
		}
		removeStaleBackupTemp(tmp)
	}
}
