package runbook_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// TestRunJournalsEachStep: every step runs in order, and the journal
// records the run's start, each step's begin and outcome with its times,
// and the end.
func TestRunJournalsEachStep(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	r, h := newRunner(t, dir)
	rs, err := r.Run(context.Background(), l.runbook("a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rs); got != "a=Done b=Done" {
		t.Errorf("outcomes %s", got)
	}
	es := journal(t, dir)
	want := "start/1 begin/1:a step/1:a:Done begin/1:b step/1:b:Done end/1:Done"
	if got := events(es); got != want {
		t.Errorf("journal\n got %s\nwant %s", got, want)
	}
	a := es[2]
	if !a.Started.Before(a.Time) || a.Started.IsZero() || a.Detail != "a holds" {
		t.Errorf("step entry %+v: want a start before its end and the verification's detail", a)
	}
	if rs[0].Duration <= 0 || rs[0].Started.IsZero() {
		t.Errorf("result %+v: want a start time and a duration", rs[0])
	}
	if !strings.Contains(h.Text(), "host: Invoke-PcDrill on pc.lab.local, run 1: 2 steps.\nhost:   1. a  to do: expected a to hold\nhost:   2. b  to do: expected b to hold") {
		t.Errorf("plan:\n%s", h.Text())
	}
}

// TestFailedStepResumes: a failed action stops the run there (the rest
// NotRun) with a record naming the step; the next run continues the same
// run, skips the steps whose checks hold and runs the failed one.
func TestFailedStepResumes(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	l.fail["b"] = &cmdlet.ErrorRecord{Message: "The share is unreachable.", ErrorID: "ShareUnreachable", Category: cmdlet.CategoryConnectionError}
	r, _ := newRunner(t, dir)
	rs, err := r.Run(context.Background(), l.runbook("a", "b", "c"))
	rec := recordOf(t, err)
	if rec.ErrorID != "StepFailed" || !strings.Contains(rec.Message, `step 2 of 3 "b" failed: The share is unreachable.`) || rec.Category != cmdlet.CategoryConnectionError {
		t.Errorf("record %+v", rec)
	}
	if got := outcomes(rs); got != "a=Done b=Failed c=NotRun" {
		t.Errorf("outcomes %s", got)
	}
	es := journal(t, dir)
	if f := es[4]; f.Outcome != runbook.Failed || f.Error == nil || f.Error.ErrorID != "StepFailed" || !strings.Contains(f.Error.Message, "unreachable") {
		t.Errorf("failed entry %+v", f)
	}

	r2, h := newRunner(t, dir)
	rs, err = r2.Run(context.Background(), l.runbook("a", "b", "c"))
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rs); got != "a=AlreadyDone b=Done c=Done" {
		t.Errorf("resumed outcomes %s", got)
	}
	if got := strings.Join(l.ran, ","); got != "a,b,b,c" {
		t.Errorf("actions ran %s, want a once and b again", got)
	}
	if !strings.Contains(h.Text(), `host: Resuming run 1, begun 2024-01-01 00:00:02: The step 2 of 3 "b" failed: The share is unreachable.`) {
		t.Errorf("no resume line:\n%s", h.Text())
	}
	if got := events(journal(t, dir)[6:7]); got != "resume/1" {
		t.Errorf("second run journal starts %s, want resume/1", got)
	}
}

// TestJournalNeverSkips: after a completed run, a fresh state (a new lab,
// a second failover after a failback) runs every step again, as run 2.
func TestJournalNeverSkips(t *testing.T) {
	dir := t.TempDir()
	r, _ := newRunner(t, dir)
	if _, err := r.Run(context.Background(), newLab().runbook("a", "b")); err != nil {
		t.Fatal(err)
	}
	l := newLab()
	rs, err := r.Run(context.Background(), l.runbook("a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rs); got != "a=Done b=Done" {
		t.Errorf("outcomes %s", got)
	}
	if es := journal(t, dir); events(es[6:7]) != "start/2" {
		t.Errorf("want a new run 2, journal %s", events(es))
	}
}

// TestCompletedRerunChangesNothing: when every check holds no action runs,
// every step is AlreadyDone and the run says so.
func TestCompletedRerunChangesNothing(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	l.done["a"], l.done["b"] = true, true
	r, h := newRunner(t, dir)
	rs, err := r.Run(context.Background(), l.runbook("a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rs); got != "a=AlreadyDone b=AlreadyDone" || len(l.ran) != 0 {
		t.Errorf("outcomes %s, actions %v", got, l.ran)
	}
	if !strings.Contains(h.Text(), "host: Every step is already done: nothing changed.") {
		t.Errorf("host:\n%s", h.Text())
	}
}

// TestVerifyFailure: an action that returns but has no effect fails its
// step with the verification's expectation.
func TestVerifyFailure(t *testing.T) {
	l := newLab()
	l.noEffect["b"] = true
	r, _ := newRunner(t, t.TempDir())
	rs, err := r.Run(context.Background(), l.runbook("a", "b"))
	rec := recordOf(t, err)
	if rec.ErrorID != "StepNotVerified" || rec.Message != `The step 2 of 2 "b" did not verify: expected b to hold.` || rec.Target != "pc.lab.local" {
		t.Errorf("record %+v", rec)
	}
	if rs[1].Outcome != runbook.Failed || rs[1].Error != rec || rs[1].Detail != "expected b to hold." {
		t.Errorf("result %+v", rs[1])
	}
}

// TestInterruptDuringAction: a context cancelled while an action runs
// (Ctrl-C, SIGTERM) lets that action end, journals the step Interrupted,
// does not start the next step, and the next run resumes there.
func TestInterruptDuringAction(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	ctx, cancel := context.WithCancel(context.Background())
	rb := l.runbook("a", "b", "c")
	rb.Steps[1].Action = func(ctx context.Context) error {
		cancel()
		<-ctx.Done()
		return ctx.Err()
	}
	r, _ := newRunner(t, dir)
	rs, err := r.Run(ctx, rb)
	rec := recordOf(t, err)
	if rec.ExitCode() != cmdlet.ExitInterrupted || rec.ErrorID != "RunbookInterrupted" || !strings.Contains(rec.Message, `step 2 of 3 "b"`) {
		t.Errorf("record %+v", rec)
	}
	if got := outcomes(rs); got != "a=Done b=Interrupted c=NotRun" || strings.Join(l.ran, ",") != "a" {
		t.Errorf("outcomes %s, ran %v", got, l.ran)
	}
	want := "start/1 begin/1:a step/1:a:Done begin/1:b step/1:b:Interrupted end/1:Interrupted"
	if got := events(journal(t, dir)); got != want {
		t.Errorf("journal\n got %s\nwant %s", got, want)
	}
	rs, err = r.Run(context.Background(), l.runbook("a", "b", "c"))
	if err != nil || outcomes(rs) != "a=AlreadyDone b=Done c=Done" {
		t.Errorf("resumed: %s, %v", outcomes(rs), err)
	}
}

// TestInterruptBetweenSteps: a context cancelled after an action that
// finished stops before the next step starts.
func TestInterruptBetweenSteps(t *testing.T) {
	l := newLab()
	ctx, cancel := context.WithCancel(context.Background())
	rb := l.runbook("a", "b")
	act := rb.Steps[0].Action
	rb.Steps[0].Verify = nil
	rb.Steps[0].Action = func(c context.Context) error { err := act(c); cancel(); return err }
	r, _ := newRunner(t, t.TempDir())
	rs, err := r.Run(ctx, rb)
	if recordOf(t, err).ExitCode() != cmdlet.ExitInterrupted {
		t.Fatalf("error %v", err)
	}
	if rs[0].Outcome != runbook.Interrupted || rs[0].Detail != "its action finished; it was not verified" || strings.Join(l.ran, ",") != "a" {
		t.Errorf("results %+v, ran %v", rs, l.ran)
	}
}

// TestWhatIf: -WhatIf prints the plan and a line per step, runs the
// actions of the steps not done (their cmdlets print What if) and not
// the verifications, and writes nothing: no journal, no lock, no results.
func TestWhatIf(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	l.done["a"] = true
	rb := l.runbook("a", "b")
	rb.Steps[1].Verify = func(context.Context) (bool, string, error) {
		t.Error("verify ran under -WhatIf")
		return false, "", nil
	}
	r, h := newRunner(t, dir)
	r.Prefs.WhatIf = true
	rs, err := r.Run(context.Background(), rb)
	if err != nil || rs != nil {
		t.Fatalf("results %v, %v", rs, err)
	}
	if strings.Join(l.ran, ",") != "b" {
		t.Errorf("actions ran %v, want b only", l.ran)
	}
	want := "host: Invoke-PcDrill on pc.lab.local: 2 steps.\nhost:   1. a  done: a holds\nhost:   2. b  to do: expected b to hold\n" +
		"host: Step 1 of 2 \"a\": already done.\nhost: Step 2 of 2 \"b\":"
	if h.Text() != want {
		t.Errorf("host\n got %q\nwant %q", h.Text(), want)
	}
	if f := stateFiles(t, dir); len(f) != 0 {
		t.Errorf("-WhatIf wrote %v", f)
	}
}

// TestPreconditionFails: a precondition that does not hold stops the run
// before any step, naming the precondition.
func TestPreconditionFails(t *testing.T) {
	l := newLab()
	rb := l.runbook("a")
	rb.Preconditions = []runbook.Precondition{{Name: "The primary is reachable", Check: func(context.Context) (bool, string, error) {
		return false, "dc1-sql1 does not answer", nil
	}}}
	r, _ := newRunner(t, t.TempDir())
	_, err := r.Run(context.Background(), rb)
	rec := recordOf(t, err)
	if rec.ErrorID != "PreconditionFailed" || rec.Message != `Invoke-PcDrill on pc.lab.local cannot start: the precondition "The primary is reachable" failed: dc1-sql1 does not answer.` || len(l.ran) != 0 {
		t.Errorf("record %+v, ran %v", rec, l.ran)
	}
}

// TestCheckErrorFailsTheStep: a check that cannot be answered fails its
// step rather than running or skipping it.
func TestCheckErrorFailsTheStep(t *testing.T) {
	l := newLab()
	rb := l.runbook("a")
	rb.Steps[0].Check = func(context.Context) (bool, string, error) { return false, "", errors.New("timeout") }
	r, _ := newRunner(t, t.TempDir())
	_, err := r.Run(context.Background(), rb)
	if rec := recordOf(t, err); rec.ErrorID != "StepCheckFailed" || len(l.ran) != 0 {
		t.Errorf("record %+v, ran %v", rec, l.ran)
	}
}

// TestKilledRunSummary: a run whose process died during a step (a begin
// with no outcome) is resumed and the plan says where it stopped.
func TestKilledRunSummary(t *testing.T) {
	dir := t.TempDir()
	j := runbook.Journal{Path: runbook.JournalPath(dir, "Invoke-PcDrill", "pc.lab.local")}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range []runbook.Entry{{Event: runbook.EventStart, Run: 3, Time: t0}, {Event: runbook.EventBegin, Run: 3, Index: 1, Step: "a"}} {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	r, h := newRunner(t, dir)
	if _, err := r.Run(context.Background(), newLab().runbook("a")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Text(), `host: Resuming run 3, begun 2024-01-01 00:00:00: it stopped during step 1 "a", which recorded no outcome (its process ended).`) {
		t.Errorf("host:\n%s", h.Text())
	}
}

// TestFailedStepKeepsTheCauseHint: the hint of the error that stopped a
// step (such as the switch that gets past it) comes before the resume
// advice; without one, the advice is to fix the cause.
func TestFailedStepKeepsTheCauseHint(t *testing.T) {
	l := newLab()
	l.fail["b"] = &cmdlet.ErrorRecord{Message: "The share is unreachable.", ErrorID: "BackupShareUnreachable",
		Category: cmdlet.CategoryConnectionError, Hint: "re-run with -FromCopyDirectory"}
	l.fail["c"] = &cmdlet.ErrorRecord{Message: "The mirror is down.", ErrorID: "MirrorDown", Category: cmdlet.CategoryConnectionError}
	r, _ := newRunner(t, t.TempDir())
	_, err := r.Run(context.Background(), l.runbook("a", "b", "c"))
	if rec := recordOf(t, err); rec.Hint != "re-run with -FromCopyDirectory; then run Invoke-PcDrill again: it resumes at this step" {
		t.Errorf("hint %q", rec.Hint)
	}
	_, err = r.Run(context.Background(), l.runbook("a", "b", "c"))
	if rec := recordOf(t, err); rec.Hint != "fix the cause and run Invoke-PcDrill again: it resumes at this step" {
		t.Errorf("hint without a cause hint %q", rec.Hint)
	}
}
