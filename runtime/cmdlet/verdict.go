package cmdlet

import "strings"

// Verdict is the finding of a health check, ordered from best to worst:
// Healthy, Warning, Unknown, Critical. Unknown ranks above Warning: a check
// that could not look may be hiding anything, and only Critical is worse.
type Verdict string

// The verdicts of a health check.
const (
	VerdictHealthy  Verdict = "Healthy"
	VerdictWarning  Verdict = "Warning"
	VerdictUnknown  Verdict = "Unknown"
	VerdictCritical Verdict = "Critical"
)

// The exit codes of a monitoring check (Test-PcPersistentChatHealth, or any
// command run with --output nagios), as the monitoring-plugins guidelines
// define them. They share their numbers with the general exit codes: a
// monitoring check uses these instead.
const (
	// ExitPluginOK means every finding is healthy.
	ExitPluginOK ExitCode = 0
	// ExitPluginWarning means the worst finding is a warning.
	ExitPluginWarning ExitCode = 1
	// ExitPluginCritical means at least one finding is critical.
	ExitPluginCritical ExitCode = 2
	// ExitPluginUnknown means something could not be checked, the usage
	// was wrong or the topology could not be read.
	ExitPluginUnknown ExitCode = 3
)

// ParseVerdict maps the verdict words pcsh's commands write to a Verdict:
// Healthy, OK, Pass, Standby and Skipped are healthy; Warning; Critical
// and Fail are critical; Unknown. Case is ignored; ok is false for any
// other word.
func ParseVerdict(s string) (v Verdict, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "healthy", "ok", "pass", "standby", "skipped":
		return VerdictHealthy, true
	case "warning":
		return VerdictWarning, true
	case "critical", "fail":
		return VerdictCritical, true
	case "unknown":
		return VerdictUnknown, true
	}
	return VerdictUnknown, false
}

// rank orders verdicts from best to worst.
func (v Verdict) rank() int {
	switch v {
	case VerdictHealthy:
		return 0
	case VerdictWarning:
		return 1
	case VerdictCritical:
		return 3
	}
	return 2
}

// Worse returns the worse of v and w.
func (v Verdict) Worse(w Verdict) Verdict {
	if w.rank() > v.rank() {
		return w
	}
	return v
}

// PluginCode is the verdict's monitoring-plugin exit code.
func (v Verdict) PluginCode() ExitCode {
	switch v {
	case VerdictHealthy:
		return ExitPluginOK
	case VerdictWarning:
		return ExitPluginWarning
	case VerdictCritical:
		return ExitPluginCritical
	}
	return ExitPluginUnknown
}

// PluginStatus is the verdict's monitoring-plugin status word: OK,
// WARNING, CRITICAL or UNKNOWN.
func (v Verdict) PluginStatus() string {
	switch v {
	case VerdictHealthy:
		return "OK"
	case VerdictWarning:
		return "WARNING"
	case VerdictCritical:
		return "CRITICAL"
	}
	return "UNKNOWN"
}

// PluginExitCodes lists the monitoring-check exit codes for help output.
func PluginExitCodes() []ExitCodeInfo {
	return []ExitCodeInfo{
		{ExitPluginOK, "OK", "every finding is healthy"},
		{ExitPluginWarning, "WARNING", "the worst finding is a warning"},
		{ExitPluginCritical, "CRITICAL", "at least one finding is critical"},
		{ExitPluginUnknown, "UNKNOWN", "something could not be checked, a usage error, or an unreadable topology"},
	}
}

// RequestExit records the exit code a command asks the process to end
// with (a health check's verdict): the CLI ends a one-shot run with the
// last code requested, unless a terminating error or an interruption
// decides it.
func (s *Session) RequestExit(code ExitCode) {
	s.exit = &code
}

// RequestedExit returns the exit code a command requested, if any.
func (s *Session) RequestedExit() (ExitCode, bool) {
	if s.exit == nil {
		return 0, false
	}
	return *s.exit, true
}

// ClearRequestedExit forgets a requested exit code (the REPL does between
// commands).
func (s *Session) ClearRequestedExit() { s.exit = nil }

// SetExitCode asks that the process end with code (see
// Session.RequestExit); a health check sets its verdict's PluginCode. Only
// a command the command line runs decides the exit code: called by a
// runbook or another command, it is ignored, and the caller decides.
func (c *Context) SetExitCode(code ExitCode) {
	if !c.nested {
		c.Session.RequestExit(code)
	}
}

// Nest marks the commands invoked until the returned function runs as
// called by a script rather than by the command line (a Lua chunk run by
// pcsh run or -c): they do not decide the exit code, the script does.
func (s *Session) Nest() (done func()) {
	s.depth++
	return func() { s.depth-- }
}
