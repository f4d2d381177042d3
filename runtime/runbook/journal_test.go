package runbook_test

import (
	"os"
	"path/filepath"
	"testing"

	"pcsh/runtime/runbook"
)

// TestJournalTornLine: a line torn by a crash is left out when read, and
// the next entry starts a line of its own.
func TestJournalTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runbooks", "x.jsonl")
	j := runbook.Journal{Path: path}
	if err := j.Append(runbook.Entry{Event: runbook.EventStart, Run: 1}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString(`{"event":"begin","ru`)
	f.Close()
	if err := j.Append(runbook.Entry{Event: runbook.EventEnd, Run: 1, Outcome: runbook.Done}); err != nil {
		t.Fatal(err)
	}
	es, err := j.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got := events(es); got != "start/1 end/1:Done" {
		t.Errorf("entries %s", got)
	}
}

// TestStateDir: PCSH_STATE_DIR, then XDG_STATE_HOME, then the platform's
// place.
func TestStateDir(t *testing.T) {
	cases := []struct {
		env  map[string]string
		goos string
		want string
	}{
		{map[string]string{"PCSH_STATE_DIR": "/s", "XDG_STATE_HOME": "/x", "HOME": "/h"}, "linux", "/s"},
		{map[string]string{"XDG_STATE_HOME": "/x", "HOME": "/h"}, "linux", filepath.Join("/x", "pcsh")},
		{map[string]string{"HOME": "/h"}, "darwin", filepath.Join("/h", ".local", "state", "pcsh")},
		{map[string]string{"LOCALAPPDATA": `C:\Users\a\AppData\Local`, "HOME": "/h"}, "windows", filepath.Join(`C:\Users\a\AppData\Local`, "pcsh")},
	}
	for _, c := range cases {
		got, err := runbook.StateDir(func(k string) string { return c.env[k] }, c.goos)
		if err != nil || got != c.want {
			t.Errorf("%v on %s: %q, %v; want %q", c.env, c.goos, got, err, c.want)
		}
	}
	if _, err := runbook.StateDir(func(string) string { return "" }, "linux"); err == nil {
		t.Error("no environment: want an error")
	}
}
