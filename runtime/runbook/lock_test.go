package runbook_test

import (
	"context"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// TestSecondRunFailsAtOnce: while one run of a runbook on a pool is in a
// step, a second run of it on the same pool fails at once naming the
// first run's process and start time, and runs nothing; a run on another
// pool is not held up; after the first run ends the lock is free.
func TestSecondRunFailsAtOnce(t *testing.T) {
	dir := t.TempDir()
	inStep, release := make(chan struct{}), make(chan struct{})
	l := newLab()
	rb := l.runbook("a")
	rb.Steps[0].Action = func(context.Context) error { close(inStep); <-release; return nil }
	rb.Steps[0].Verify = nil
	first, _ := newRunner(t, dir)
	done := make(chan error)
	go func() { _, err := first.Run(context.Background(), rb); done <- err }()
	<-inStep

	second, _ := newRunner(t, dir)
	second.PID = 99
	_, err := second.Run(context.Background(), newLab().runbook("a"))
	rec := recordOf(t, err)
	want := "Invoke-PcDrill on pc.lab.local is already running: process 4242 started it at 2024-01-01 00:00:01."
	if rec.ErrorID != "RunbookRunning" || rec.Message != want || rec.ExitCode() != cmdlet.ExitBusy {
		t.Errorf("record %q %q exit %d", rec.ErrorID, rec.Message, rec.ExitCode())
	}
	other := newLab().runbook("a")
	other.Key = "pc2.lab.local"
	if _, err := second.Run(context.Background(), other); err != nil {
		t.Errorf("another pool: %v", err)
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := second.Run(context.Background(), newLab().runbook("a")); err != nil {
		t.Errorf("after the first run: %v", err)
	}
}

// TestLockFileNamesHolder: Acquire records the PID and start time; the
// lock file of a key with path characters is one file in the state dir.
func TestLockFileNamesHolder(t *testing.T) {
	dir := t.TempDir()
	path := runbook.LockPath(dir, "Invoke-PcDrill", `\\fs\share/x`)
	if want := dir + "/runbooks/Invoke-PcDrill@%5C%5Cfs%5Cshare%2Fx.lock"; path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	l, err := runbook.Acquire(path, "X", runbook.Holder{PID: 7})
	if err != nil {
		t.Fatal(err)
	}
	_, err = runbook.Acquire(path, "X", runbook.Holder{PID: 8})
	if rec := recordOf(t, err); rec.Message != "X is already running: process 7 started it at 0001-01-01 00:00:00." {
		t.Errorf("message %q", rec.Message)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
}
