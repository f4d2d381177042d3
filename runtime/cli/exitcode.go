package cli

import (
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

// monitoring reports whether the run follows the monitoring-plugin exit
// codes for the failure rec: --output nagios, or a failed command (or a
// parameter it could not bind) that is a monitoring check. Such a failure
// is UNKNOWN (3), never the general Error or Usage code, which a monitor
// would read as WARNING or CRITICAL.
func (r *runner) monitoring(rec *cmdlet.ErrorRecord) bool {
	if r.con == nil {
		return false
	}
	if r.con.Mode == format.ModeNagios {
		return true
	}
	cmd, ok := r.con.Sess.Registry.Lookup(rec.Command)
	return ok && cmd.Monitor
}

// requestedExit ends a one-shot run with the exit code its command asked
// for (a health check's verdict, a Nagios result's status), in place of
// OK or PartialFailure; a terminating error, a declined confirmation and
// an interruption keep theirs. The REPL's exit code is its own.
func (r *runner) requestedExit() {
	if r.con == nil || r.failed {
		return
	}
	if code, ok := r.con.Sess.RequestedExit(); ok && (r.code == cmdlet.ExitOK || r.code == cmdlet.ExitPartialFailure) {
		r.code = code
	}
}
