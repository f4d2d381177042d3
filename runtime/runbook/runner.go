package runbook

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"pcsh/runtime/cmdlet"
)

// Runner runs runbooks. It writes the plan and progress to Host, follows
// Prefs (-WhatIf, -Verbose), reads the clock through Now and keeps
// journals and locks in StateDir; PID is recorded in the lock. CrashAt,
// when set, rehearses a crash there by calling Kill; FaultAt rehearses a
// fault before a step by calling Rehearse with its pcsh arguments.
type Runner struct {
	Host     cmdlet.Host
	Prefs    cmdlet.Prefs
	Now      func() time.Time
	StateDir string
	PID      int
	CrashAt  *CrashPoint
	Kill     func()
	FaultAt  *FaultPoint
	Rehearse func(ctx context.Context, args []string) (string, error)
}

// NewRunner returns a runner over a session's host, clock and environment
// (PCSH_STATE_DIR and its defaults) with the given preferences. The error
// is a record saying which variable to set.
func NewRunner(sess *cmdlet.Session, prefs cmdlet.Prefs) (*Runner, error) {
	dir, err := StateDir(sess.Getenv, runtime.GOOS)
	if err != nil {
		return nil, &cmdlet.ErrorRecord{Message: fmt.Sprintf("The runbook state directory is unknown: %v.", err),
			ErrorID: "RunbookStateUnavailable", Category: cmdlet.CategoryResourceUnavailable, Err: err,
			Hint: "set PCSH_STATE_DIR to a writable directory"}
	}
	crash, err := ParseCrashPoint(sess.Getenv(CrashVariable))
	if err != nil {
		return nil, err
	}
	fault, err := ParseFaultPoint(sess.Getenv(FaultVariable))
	if err != nil {
		return nil, err
	}
	return &Runner{Host: sess.Host, Prefs: prefs, Now: sess.Now, StateDir: dir, PID: os.Getpid(), CrashAt: crash, Kill: killSelf,
		FaultAt: fault, Rehearse: runPcsh}, nil
}

// Run checks the preconditions, prints the plan and runs each step that
// its check does not say is done: action, then verification. It returns
// one result per step. A failed or interrupted step stops the run with
// an error record; the steps after it are NotRun. Under -WhatIf it runs
// every action that is not done (so the cmdlets print their What if
// lines) with no lock, no journal and no results.
func (r *Runner) Run(ctx context.Context, rb *Runbook) ([]Result, error) {
	if err := rb.validate(); err != nil {
		return nil, invalidRunbook(rb, err)
	}
	if r.Prefs.WhatIf {
		return nil, r.whatIf(ctx, rb)
	}
	lock, err := Acquire(LockPath(r.StateDir, rb.Name, rb.Key), rb.title(), Holder{PID: r.PID, Started: r.Now()})
	if err != nil {
		if rec, ok := err.(*cmdlet.ErrorRecord); ok {
			return nil, rec
		}
		return nil, stateRecord(rb, err)
	}
	defer func() { _ = lock.Release() }()
	x, err := r.begin(ctx, rb)
	if err != nil {
		return nil, err
	}
	err = x.steps(ctx)
	return x.results, err
}

// whatIf prints the plan and runs the actions that are not done under the
// -WhatIf preference, step by step.
func (r *Runner) whatIf(ctx context.Context, rb *Runbook) error {
	entries, _ := Journal{Path: JournalPath(r.StateDir, rb.Name, rb.Key)}.Read()
	if err := r.preconditions(ctx, rb); err != nil {
		return err
	}
	plan := r.plan(ctx, rb)
	r.printPlan(rb, plan, lastRun(entries), 0)
	for i, s := range rb.Steps {
		line := "Step " + stepRef(i, len(rb.Steps), s.Name)
		if plan[i].ok {
			r.say("%s: already done.", line)
			continue
		}
		r.say("%s:", line)
		if err := s.Action(ctx); err != nil {
			return stepFailed(rb, i, cmdlet.AsRecord(err))
		}
	}
	return nil
}

// preconditions fails with the first precondition that does not hold.
func (r *Runner) preconditions(ctx context.Context, rb *Runbook) error {
	for _, p := range rb.Preconditions {
		ok, detail, err := p.Check(ctx)
		if err != nil {
			detail = "it could not be checked: " + cmdlet.AsRecord(err).Error()
		}
		if err != nil || !ok {
			return preconditionFailed(rb, p, detail)
		}
		r.verbose("The precondition %q holds: %s", p.Name, sentence(detail))
	}
	return nil
}

// begin reads the journal and starts a run: the unfinished one again, or
// a new one.
func (r *Runner) begin(ctx context.Context, rb *Runbook) (*run, error) {
	j := Journal{Path: JournalPath(r.StateDir, rb.Name, rb.Key)}
	entries, err := j.Read()
	if err != nil {
		return nil, stateRecord(rb, err)
	}
	if err := r.preconditions(ctx, rb); err != nil {
		return nil, err
	}
	prior := lastRun(entries)
	id, resume := prior.next()
	x := &run{r: r, rb: rb, j: j, id: id, plan: r.plan(ctx, rb)}
	r.printPlan(rb, x.plan, prior, id)
	start := Entry{Event: EventStart, Run: id, Time: r.Now(), PID: r.PID, Steps: rb.stepNames()}
	if resume {
		start = Entry{Event: EventResume, Run: id, Time: r.Now(), PID: r.PID}
	}
	if err := j.Append(start); err != nil {
		return nil, stateRecord(rb, err)
	}
	return x, nil
}

func (rb *Runbook) stepNames() []string {
	out := make([]string, len(rb.Steps))
	for i, s := range rb.Steps {
		out[i] = s.Name
	}
	return out
}

// say writes a line for the person running the runbook (stdout).
func (r *Runner) say(format string, args ...any) {
	r.Host.Write(cmdlet.StreamHost, fmt.Sprintf(format, args...))
}

// verbose writes a VERBOSE line under -Verbose.
func (r *Runner) verbose(format string, args ...any) {
	if r.Prefs.Verbose {
		r.Host.Write(cmdlet.StreamVerbose, fmt.Sprintf(format, args...))
	}
}
