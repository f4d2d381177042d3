package runbook

import (
	"context"
	"strings"

	"pcsh/runtime/cmdlet"
)

// run is one run of a runbook in progress: its journal, its number, the
// plan's answers and the results so far.
type run struct {
	r       *Runner
	rb      *Runbook
	j       Journal
	id      int
	plan    []checked
	results []Result
	acted   bool // an action ran since the plan, so checks are asked again
}

// steps runs the steps in order and journals the end of the run.
func (x *run) steps(ctx context.Context) error {
	for i := range x.rb.Steps {
		res, rec := x.step(ctx, i)
		x.results = append(x.results, res)
		if err := x.log(x.stepEntry(res, rec)); err != nil {
			return x.end(i+1, Failed, stateRecord(x.rb, err))
		}
		if rec != nil {
			return x.end(i+1, res.Outcome, rec)
		}
	}
	err := x.end(len(x.rb.Steps), Done, nil)
	if !x.acted {
		x.r.say("Every step is already done: nothing changed.")
	}
	return err
}

// step runs step i: the check, unless it says done the action, then the
// verification. The record is non-nil when the run must stop.
func (x *run) step(ctx context.Context, i int) (Result, *cmdlet.ErrorRecord) {
	s, r := x.rb.Steps[i], x.r
	res := Result{Number: int64(i + 1), Step: s.Name, Started: r.Now()}
	if ctx.Err() != nil {
		return x.outcome(&res, Interrupted, "stopped before it started"), interrupted(x.rb, i)
	}
	faulted, rec := x.fault(ctx, i)
	if rec != nil {
		return x.failed(&res, rec), rec
	}
	c := x.plan[i]
	if x.acted || faulted {
		c = probe(ctx, s.Check)
	}
	switch {
	case c.err != nil:
		rec := checkFailed(x.rb, i, cmdlet.AsRecord(c.err))
		return x.failed(&res, rec), rec
	case c.ok:
		r.verbose("Step %s is already done: %s", x.ref(i), sentence(c.detail))
		return x.outcome(&res, AlreadyDone, c.detail), nil
	}
	return x.act(ctx, i, &res)
}

// act journals the start of step i, runs its action and verifies it.
func (x *run) act(ctx context.Context, i int, res *Result) (Result, *cmdlet.ErrorRecord) {
	s := x.rb.Steps[i]
	if err := x.log(Entry{Event: EventBegin, Run: x.id, Time: res.Started, Index: i + 1, Step: s.Name}); err != nil {
		return x.failed(res, cmdlet.AsRecord(err)), stateRecord(x.rb, err)
	}
	x.acted = true
	x.progress(i * 100 / len(x.rb.Steps))
	x.r.verbose("Step %s: starting.", x.ref(i))
	err := s.Action(ctx)
	if err == nil {
		x.crash(i)
	}
	switch {
	case ctx.Err() != nil && err == nil:
		return x.outcome(res, Interrupted, "its action finished; it was not verified"), interrupted(x.rb, i)
	case ctx.Err() != nil:
		return x.outcome(res, Interrupted, "its action was cancelled: "+cmdlet.AsRecord(err).Message), interrupted(x.rb, i)
	case err != nil:
		rec := stepFailed(x.rb, i, cmdlet.AsRecord(err))
		return x.failed(res, rec), rec
	}
	return x.verify(ctx, i, res)
}

// verify asks step i's verification after its action.
func (x *run) verify(ctx context.Context, i int, res *Result) (Result, *cmdlet.ErrorRecord) {
	v := checked{ok: true}
	if p := x.rb.Steps[i].Verify; p != nil {
		v = probe(ctx, p)
	}
	switch {
	case ctx.Err() != nil:
		return x.outcome(res, Interrupted, "its action finished; it was not verified"), interrupted(x.rb, i)
	case v.err != nil:
		rec := stepFailed(x.rb, i, cmdlet.AsRecord(v.err))
		rec.Message = "The verification of step " + x.ref(i) + " failed: " + causeText(x.rb, cmdlet.AsRecord(v.err))
		return x.failed(res, rec), rec
	case !v.ok:
		rec := notVerified(x.rb, i, v.detail)
		return x.failed(res, rec), rec
	}
	x.r.verbose("Step %s: done.", x.ref(i))
	return x.outcome(res, Done, v.detail), nil
}

func (x *run) outcome(res *Result, o Outcome, detail string) Result {
	res.Outcome, res.Detail = o, detail
	res.Duration = x.r.Now().Sub(res.Started)
	return *res
}

// failed records rec on the result; the Detail is what went wrong (the
// cause's message, or what the verification expected), since the row
// already names the step.
func (x *run) failed(res *Result, rec *cmdlet.ErrorRecord) Result {
	res.Error = rec
	detail := rec.Message
	if cause, ok := rec.Err.(*cmdlet.ErrorRecord); ok {
		detail = causeText(x.rb, cause)
	} else if _, after, ok := strings.Cut(rec.Message, " did not verify: "); ok {
		detail = after
	}
	return x.outcome(res, Failed, detail)
}

func (x *run) ref(i int) string { return stepRef(i, len(x.rb.Steps), x.rb.Steps[i].Name) }

// stepEntry is the journal entry of a step's outcome.
func (x *run) stepEntry(res Result, rec *cmdlet.ErrorRecord) Entry {
	e := Entry{Event: EventStep, Run: x.id, Time: res.Started.Add(res.Duration), Index: int(res.Number),
		Step: res.Step, Outcome: res.Outcome, Started: res.Started, Detail: res.Detail}
	if res.Outcome == Failed {
		e.Detail, e.Error = "", journalError(rec)
	}
	return e
}

// end marks the steps after the first done ones NotRun and journals the
// run's outcome; it returns the error that ended the run.
func (x *run) end(done int, o Outcome, cause error) error {
	for i := done; i < len(x.rb.Steps); i++ {
		x.results = append(x.results, Result{Number: int64(i + 1), Step: x.rb.Steps[i].Name, Outcome: NotRun})
	}
	x.progress(100)
	if err := x.log(Entry{Event: EventEnd, Run: x.id, Time: x.r.Now(), Outcome: o}); err != nil && cause == nil {
		return stateRecord(x.rb, err)
	}
	return cause
}

func (x *run) log(e Entry) error { return x.j.Append(e) }

// progress reports the share of steps begun.
func (x *run) progress(pct int) {
	x.r.Host.WriteProgress(cmdlet.Progress{Activity: x.rb.title(), Percent: pct})
}
