package runbook

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"pcsh/runtime/cmdlet"
)

// Event is the kind of a journal entry.
type Event string

// The journal events, in the order a run writes them.
const (
	EventStart  Event = "start"  // a new run begins
	EventResume Event = "resume" // a run that stopped is continued
	EventBegin  Event = "begin"  // a step's action starts
	EventStep   Event = "step"   // a step's outcome
	EventEnd    Event = "end"    // the run ends: Outcome is Done, Failed or Interrupted
)

// Entry is one line of a journal.
type Entry struct {
	Event   Event         `json:"event"`
	Run     int           `json:"run"`
	Time    time.Time     `json:"time"`
	PID     int           `json:"pid,omitempty"`
	Steps   []string      `json:"steps,omitempty"`
	Index   int           `json:"index,omitempty"` // 1-based step number
	Step    string        `json:"step,omitempty"`
	Outcome Outcome       `json:"outcome,omitempty"`
	Started time.Time     `json:"started,omitzero"`
	Detail  string        `json:"detail,omitempty"`
	Error   *JournalError `json:"error,omitempty"`
}

// JournalError is the journaled form of an error record.
type JournalError struct {
	Message  string          `json:"message"`
	ErrorID  string          `json:"errorId"`
	Category cmdlet.Category `json:"category"`
	Target   string          `json:"target,omitempty"`
	Command  string          `json:"command,omitempty"`
}

func journalError(rec *cmdlet.ErrorRecord) *JournalError {
	if rec == nil {
		return nil
	}
	return &JournalError{Message: rec.Message, ErrorID: rec.ErrorID, Category: rec.Category, Target: rec.Target, Command: rec.Command}
}

// Journal is a runbook's append-only JSON lines file: each entry is
// written and fsync'd before the run goes on, so a crash loses at most
// the line being written, which Read then ignores.
type Journal struct{ Path string }

// JournalPath is the journal of a runbook on a key in the state directory.
func JournalPath(stateDir, name, key string) string {
	return filepath.Join(stateDir, "runbooks", fileStem(name, key)+".jsonl")
}

// Read returns the journal's entries in order; a missing journal has
// none. Lines that do not parse (the torn last line of a crash) are left
// out.
func (j Journal) Read() ([]Entry, error) {
	data, err := os.ReadFile(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			out = append(out, e)
		}
	}
	return out, sc.Err()
}

// Append writes one entry and fsyncs it. A journal whose last line was
// torn gets a newline first, so the entry starts a line of its own.
func (j Journal) Append(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(j.Path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(j.Path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if torn, err := endsTorn(f); err != nil || torn {
		line = append([]byte("\n"), line...)
	}
	_, werr := f.Write(append(line, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("journal %s: %w", j.Path, err)
	}
	return nil
}

// endsTorn reports whether f is non-empty and does not end with a newline.
func endsTorn(f *os.File) (bool, error) {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}
