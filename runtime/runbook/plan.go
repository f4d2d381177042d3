package runbook

import (
	"context"
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
)

// checked is the answer of a step's check.
type checked struct {
	ok     bool
	detail string
	err    error
}

// probe asks a check; a nil check is never done.
func probe(ctx context.Context, p Probe) checked {
	if p == nil {
		return checked{}
	}
	ok, detail, err := p(ctx)
	return checked{ok: ok && err == nil, detail: detail, err: err}
}

// plan asks every step's check in the current state.
func (r *Runner) plan(ctx context.Context, rb *Runbook) []checked {
	out := make([]checked, len(rb.Steps))
	for i, s := range rb.Steps {
		out[i] = probe(ctx, s.Check)
	}
	return out
}

// printPlan writes the step names in order with what each check says,
// where an unfinished run stopped, and a warning for each step that run
// did whose check no longer holds. run is the run's number, 0 under
// -WhatIf.
func (r *Runner) printPlan(rb *Runbook, plan []checked, prior *Prior, run int) {
	head := rb.title()
	if run > 0 {
		head += fmt.Sprintf(", run %d", run)
	}
	r.say("%s: %s.", head, count(len(rb.Steps), "step"))
	width := 0
	for _, s := range rb.Steps {
		width = max(width, len(s.Name))
	}
	for i, s := range rb.Steps {
		r.say("  %d. %-*s  %s", i+1, width, s.Name, plan[i].text())
	}
	if !prior.unfinished() {
		return
	}
	r.say("%s", prior.Summary())
	for i, s := range rb.Steps {
		if e, ok := prior.Steps[s.Name]; ok && e.Outcome == Done && !plan[i].ok {
			r.Host.Write(cmdlet.StreamWarning, fmt.Sprintf("Step %d %q was done in run %d, but its check now says it is not: it runs again.", i+1, s.Name, prior.Run))
		}
	}
}

// text is how the plan shows a check's answer.
func (c checked) text() string {
	state := "to do"
	if c.ok {
		state = "done"
	}
	detail := c.detail
	if c.err != nil {
		detail = "its check failed: " + cmdlet.AsRecord(c.err).Error()
	}
	if detail == "" {
		return state
	}
	return state + ": " + strings.TrimRight(detail, ". ")
}

// count is "1 step", "3 steps".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
