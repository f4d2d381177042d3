package runbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"pcsh/runtime/cmdlet"
)

// errLocked is what tryLock returns when another open file holds the lock.
var errLocked = errors.New("locked by another run")

// Holder is what a lock file records about the run that holds it.
type Holder struct {
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

// Lock is a held run lock: an exclusive advisory lock (flock on Unix,
// LockFileEx on Windows) on a file in the state directory, released when
// the process ends however it ends.
type Lock struct{ f *os.File }

// LockPath is the lock file of a runbook on a key in the state directory.
func LockPath(stateDir, name, key string) string {
	return filepath.Join(stateDir, "runbooks", fileStem(name, key)+".lock")
}

// Acquire takes the lock at path for holder without waiting. When another
// run holds it, the error is a RunbookRunning record naming that run's
// process and start time; title names the runbook in it.
func Acquire(path, title string, holder Holder) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		defer f.Close()
		if errors.Is(err, errLocked) {
			return nil, runningRecord(title, readHolder(f))
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := writeHolder(f, holder); err != nil {
		_ = unlock(f)
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Release empties the lock file and releases the lock.
func (l *Lock) Release() error {
	terr := l.f.Truncate(0)
	return errors.Join(terr, unlock(l.f), l.f.Close())
}

func writeHolder(f *os.File, h Holder) error {
	data, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(append(data, '\n'), 0); err != nil {
		return err
	}
	return f.Sync()
}

// readHolder reads the holder a locked file records; zero when it cannot.
func readHolder(f *os.File) Holder {
	var h Holder
	data, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<16))
	if err == nil {
		_ = json.Unmarshal(data, &h)
	}
	return h
}

func runningRecord(title string, h Holder) *cmdlet.ErrorRecord {
	who := "another run holds its lock"
	if h.PID != 0 {
		who = fmt.Sprintf("process %d started it at %s", h.PID, h.Started.Format("2006-01-02 15:04:05"))
	}
	return &cmdlet.ErrorRecord{
		Message: fmt.Sprintf("%s is already running: %s.", title, who), ErrorID: "RunbookRunning",
		Category: cmdlet.CategoryResourceUnavailable, Code: cmdlet.ExitBusy,
		Hint: "wait for that run to finish; Ctrl-C or SIGTERM stops it at a step boundary",
	}
}
