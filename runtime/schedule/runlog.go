package schedule

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// Record is one line of a job's run log, schedules/NAME.jsonl in the
// state directory: one per scheduled run, a refused (Busy) one included.
type Record struct {
	Job           string    `json:"job"`
	PID           int       `json:"pid"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Command       []string  `json:"command"`
	Verdict       string    `json:"verdict"`
	VerdictSource string    `json:"verdictSource"` // "objects" (their worst Verdict) or "exitCode"
	ExitCode      int       `json:"exitCode"`
	Changes       *Changes  `json:"changes,omitempty"`
	Detail        string    `json:"detail,omitempty"`
}

// Changes is what a run changed, as far as its output tells: the
// outcome of each runbook step it ran and how many were Done (made a
// change) rather than AlreadyDone, NotRun or Failed.
type Changes struct {
	StepsDone int           `json:"stepsDone"`
	Steps     []StepOutcome `json:"steps"`
}

// RunLogPath is a job's run log in the state directory.
func RunLogPath(stateDir, name string) string {
	return filepath.Join(stateDir, "schedules", name+".jsonl")
}

// LockPath is the lock two runs of one job share.
func LockPath(stateDir, name string) string {
	return filepath.Join(stateDir, "schedules", name+".lock")
}

// appendRecord writes rec as one line and syncs it. Each line is one
// O_APPEND write, so two runs logging at once never interleave.
func appendRecord(path string, rec Record) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
