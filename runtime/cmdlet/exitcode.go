package cmdlet

// ExitCode is a process exit status pcsh documents and tests.
type ExitCode int

// The exit codes of pcsh. They are listed by `pcsh help` and asserted by the
// golden tests; change them only with a release note.
const (
	// ExitOK means success, including a successful -WhatIf run.
	ExitOK ExitCode = 0
	// ExitError means a terminating error from a cmdlet or a script.
	ExitError ExitCode = 1
	// ExitUsage means bad usage: an unknown command, a Lua syntax error, or a
	// parameter that could not be bound (missing, unknown, mistyped).
	ExitUsage ExitCode = 2
	// ExitNotConfirmed means a change needed confirmation that could not be
	// given (non-interactive run) or was declined with "No to All".
	ExitNotConfirmed ExitCode = 3
	// ExitPartialFailure means the run finished but wrote non-terminating
	// errors.
	ExitPartialFailure ExitCode = 4
	// ExitBusy means another run of the same runbook on the same pool
	// holds its lock, so this one did not start.
	ExitBusy ExitCode = 5
	// ExitInterrupted means the run was cancelled by SIGINT (Ctrl-C) or
	// SIGTERM; a runbook stops at a step boundary and journals where.
	ExitInterrupted ExitCode = 130
)

// ExitCodeInfo describes one exit code for help output.
type ExitCodeInfo struct {
	Code    ExitCode
	Name    string
	Meaning string
}

// ExitCodes lists every exit code in ascending order.
func ExitCodes() []ExitCodeInfo {
	return []ExitCodeInfo{
		{ExitOK, "OK", "success, including a successful -WhatIf run"},
		{ExitError, "Error", "a terminating error from a cmdlet or script"},
		{ExitUsage, "Usage", "unknown command, syntax error, or a parameter that could not be bound"},
		{ExitNotConfirmed, "NotConfirmed", "a change needed confirmation that could not be given (non-interactive) or was declined"},
		{ExitPartialFailure, "PartialFailure", "finished, but non-terminating errors were written"},
		{ExitBusy, "Busy", "another run of the same runbook on the same pool is in progress"},
		{ExitInterrupted, "Interrupted", "cancelled by SIGINT (Ctrl-C) or SIGTERM; a runbook stops at a step boundary"},
	}
}
