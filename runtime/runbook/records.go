package runbook

import (
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
)

// sentence ends s with exactly one full stop.
func sentence(s string) string { return strings.TrimRight(s, ". ") + "." }

// stepRef is how messages name step i (0-based) of n: `2 of 3 "Name"`.
func stepRef(i, n int, name string) string { return fmt.Sprintf("%d of %d %q", i+1, n, name) }

// stepFailed is the record of a step whose action failed: it keeps the
// cause's category and exit code, so a declined confirmation still exits
// NotConfirmed.
func stepFailed(rb *Runbook, i int, cause *cmdlet.ErrorRecord) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{
		Message: "The step " + stepRef(i, len(rb.Steps), rb.Steps[i].Name) + " failed: " + causeText(rb, cause),
		ErrorID: "StepFailed", Category: cause.Category, Target: rb.Key, Code: cause.ExitCode(), Err: cause,
		Hint: resumeHint(rb, cause),
	}
}

// resumeHint tells how to go on after a failed step, after the cause's own
// hint when it has one (such as the switch that gets past the failure).
func resumeHint(rb *Runbook, cause *cmdlet.ErrorRecord) string {
	again := "run " + rb.Name + " again: it resumes at this step"
	if cause.Hint == "" {
		return "fix the cause and " + again
	}
	return cause.Hint + "; then " + again
}

// causeText is a cause's message, after the command that raised it unless
// that is the runbook itself (host.throw in its own step).
func causeText(rb *Runbook, cause *cmdlet.ErrorRecord) string {
	if cause.Command == rb.Name {
		return sentence(cause.Message)
	}
	return sentence(cause.Error())
}

// checkFailed is the record of a step whose check could not be answered.
func checkFailed(rb *Runbook, i int, cause *cmdlet.ErrorRecord) *cmdlet.ErrorRecord {
	rec := stepFailed(rb, i, cause)
	rec.Message = "The check of step " + stepRef(i, len(rb.Steps), rb.Steps[i].Name) + " failed: " + causeText(rb, cause)
	rec.ErrorID = "StepCheckFailed"
	return rec
}

// notVerified is the record of a step whose action ran but whose
// verification did not hold; detail says what was expected.
func notVerified(rb *Runbook, i int, detail string) *cmdlet.ErrorRecord {
	if detail == "" {
		detail = "its verification returned false"
	}
	return &cmdlet.ErrorRecord{
		Message: "The step " + stepRef(i, len(rb.Steps), rb.Steps[i].Name) + " did not verify: " + sentence(detail),
		ErrorID: "StepNotVerified", Category: cmdlet.CategoryInvalidOperation, Target: rb.Key,
		Hint: "its action ran; find why it had no effect, then run " + rb.Name + " again: it resumes at this step",
	}
}

// interrupted is the record of a run stopped by Ctrl-C or SIGTERM.
func interrupted(rb *Runbook, i int) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{
		Message: rb.title() + " was interrupted at step " + stepRef(i, len(rb.Steps), rb.Steps[i].Name) +
			"; the journal records it and the next run resumes there.",
		ErrorID: "RunbookInterrupted", Category: cmdlet.CategoryOperationStopped, Target: rb.Key, Code: cmdlet.ExitInterrupted,
	}
}

// preconditionFailed is the record of a runbook that did not start.
func preconditionFailed(rb *Runbook, p Precondition, detail string) *cmdlet.ErrorRecord {
	if detail == "" {
		detail = "it does not hold"
	}
	return &cmdlet.ErrorRecord{
		Message: fmt.Sprintf("%s cannot start: the precondition %q failed: %s", rb.title(), p.Name, sentence(detail)),
		ErrorID: "PreconditionFailed", Category: cmdlet.CategoryInvalidOperation, Target: rb.Key,
		Hint: "nothing was changed; make the precondition hold and run " + rb.Name + " again",
	}
}

// stateRecord is the record of a journal, lock or state directory that
// could not be used.
func stateRecord(rb *Runbook, err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{
		Message: fmt.Sprintf("%s cannot keep its journal: %v.", rb.title(), err), ErrorID: "RunbookStateUnavailable",
		Category: cmdlet.CategoryResourceUnavailable, Target: rb.Key, Err: err,
		Hint: "set PCSH_STATE_DIR to a writable directory",
	}
}

// invalidRunbook is the record of a runbook defined wrongly.
func invalidRunbook(rb *Runbook, err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf("The runbook %s is not valid: %v.", rb.Name, err),
		ErrorID: "InvalidRunbook", Category: cmdlet.CategoryInvalidArgument, Target: rb.Key, Err: err}
}
