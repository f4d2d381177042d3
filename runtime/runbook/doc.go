// Package runbook runs a sequence of named steps, each with a check of
// whether it is already done, an action and a verification, with a
// journal that records what every run did, a lock that keeps two runs of
// the same runbook on the same pool apart, and resumption after a failure
// or an interruption. Apply is the smaller piece for a cmdlet's sequence
// of confirmed statements.
//
// A step is skipped only when its check says it is done in the current
// state; the journal never skips one. The journal tells where the
// previous run stopped and what it did, so a run that follows a failed or
// interrupted one continues it, and a run that follows a completed one
// starts a new run.
package runbook
