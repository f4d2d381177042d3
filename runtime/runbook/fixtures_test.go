package runbook_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/runbook"
)

// lab is the fake world a test runbook changes: which steps' effects
// hold, which actions ran, and failures to inject.
type lab struct {
	done     map[string]bool
	ran      []string
	fail     map[string]error // action failures by step name, once
	noEffect map[string]bool  // actions that return nil but change nothing
}

func newLab() *lab {
	return &lab{done: map[string]bool{}, fail: map[string]error{}, noEffect: map[string]bool{}}
}

// step is a step whose check and verification read the lab and whose
// action sets its effect.
func (l *lab) step(name string) runbook.Step {
	holds := func(context.Context) (bool, string, error) {
		if l.done[name] {
			return true, name + " holds", nil
		}
		return false, "expected " + name + " to hold", nil
	}
	return runbook.Step{Name: name, Check: holds, Verify: holds, Action: func(context.Context) error {
		l.ran = append(l.ran, name)
		if err := l.fail[name]; err != nil {
			delete(l.fail, name)
			return err
		}
		l.done[name] = !l.noEffect[name]
		return nil
	}}
}

func (l *lab) runbook(names ...string) *runbook.Runbook {
	rb := &runbook.Runbook{Name: "Invoke-PcDrill", Key: "pc.lab.local"}
	for _, n := range names {
		rb.Steps = append(rb.Steps, l.step(n))
	}
	return rb
}

// ticker is a fake clock that moves one second each time it is read.
func ticker() func() time.Time {
	t := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func newRunner(t *testing.T, dir string) (*runbook.Runner, *cmdlettest.Host) {
	t.Helper()
	h := &cmdlettest.Host{}
	return &runbook.Runner{Host: h, Prefs: cmdlet.DefaultPrefs(), Now: ticker(), StateDir: dir, PID: 4242}, h
}

func outcomes(rs []runbook.Result) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Step + "=" + string(r.Outcome)
	}
	return strings.Join(parts, " ")
}

func journal(t *testing.T, dir string) []runbook.Entry {
	t.Helper()
	es, err := runbook.Journal{Path: runbook.JournalPath(dir, "Invoke-PcDrill", "pc.lab.local")}.Read()
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// events renders entries as "event[:step:outcome]" for comparison.
func events(es []runbook.Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = fmt.Sprintf("%s/%d", e.Event, e.Run)
		if e.Step != "" {
			parts[i] += ":" + e.Step
		}
		if e.Outcome != "" {
			parts[i] += ":" + string(e.Outcome)
		}
	}
	return strings.Join(parts, " ")
}

func recordOf(t *testing.T, err error) *cmdlet.ErrorRecord {
	t.Helper()
	var rec *cmdlet.ErrorRecord
	if !errors.As(err, &rec) {
		t.Fatalf("error %v is not a record", err)
	}
	return rec
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func stateFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "runbooks", "*"))
	return m
}
