package runbook

import (
	"context"
	"fmt"
)

// Probe reports whether something holds, with a sentence saying what was
// found: a step's check (is it already done?), its verification (did its
// action work? the detail says what was expected when not) or a
// precondition of the whole runbook. An error means the question could not
// be answered.
type Probe func(ctx context.Context) (ok bool, detail string, err error)

// Step is one named step of a runbook.
type Step struct {
	Name string
	// Check reports whether the step is already done in the current
	// state; nil means it is never known to be done, so it always runs.
	Check Probe
	// Action makes the change through cmdlets, whose ShouldProcess lines
	// are the plan: under -WhatIf it runs and prints them, changing
	// nothing.
	Action func(ctx context.Context) error
	// Verify reports whether the action had its effect; nil means the
	// action's own errors are the only verification.
	Verify Probe
}

// Precondition is a named condition that must hold before any step runs.
type Precondition struct {
	Name  string
	Check Probe
}

// Runbook is a named sequence of steps, run on one key (the pool FQDN, or
// whatever the runbook's state belongs to): the journal and the lock are
// kept per runbook and key.
type Runbook struct {
	Name          string
	Key           string
	Preconditions []Precondition
	Steps         []Step
}

// validate rejects a runbook that cannot be journaled unambiguously.
func (rb *Runbook) validate() error {
	if rb.Name == "" {
		return fmt.Errorf("a runbook needs a name")
	}
	seen := map[string]bool{}
	for i, s := range rb.Steps {
		switch {
		case s.Name == "":
			return fmt.Errorf("step %d has no name", i+1)
		case seen[s.Name]:
			return fmt.Errorf("two steps are named %q", s.Name)
		case s.Action == nil:
			return fmt.Errorf("step %q has no action", s.Name)
		}
		seen[s.Name] = true
	}
	return nil
}

// title is how messages name the key's runbook: "Name on key".
func (rb *Runbook) title() string {
	if rb.Key == "" {
		return rb.Name
	}
	return rb.Name + " on " + rb.Key
}
