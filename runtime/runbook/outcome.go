package runbook

import (
	"time"

	"pcsh/runtime/cmdlet"
)

// Outcome is what became of a step or a change.
type Outcome string

// The outcomes, as journaled and as the Outcome property shows them.
const (
	// Done: the action ran and its verification held.
	Done Outcome = "Done"
	// AlreadyDone: the check said the step was done, so it was skipped.
	AlreadyDone Outcome = "AlreadyDone"
	// Failed: the check, the action or the verification failed.
	Failed Outcome = "Failed"
	// Interrupted: Ctrl-C or SIGTERM stopped the run at this step.
	Interrupted Outcome = "Interrupted"
	// NotRun: an earlier step stopped the run.
	NotRun Outcome = "NotRun"
	// Declined: the admin answered No to the change's confirmation.
	Declined Outcome = "Declined"
)

// Result is the output object of one step of a run.
type Result struct {
	Number   int64
	Step     string
	Outcome  Outcome
	Started  time.Time
	Duration time.Duration
	Detail   string
	Error    *cmdlet.ErrorRecord `pcsh:"-"`
}

// DefaultView names the properties a table shows; Number and Started are
// there for Format-List and Select-Object.
func (Result) DefaultView() []string { return []string{"Step", "Outcome", "Duration", "Detail"} }

var _ cmdlet.DefaultViewer = Result{}
