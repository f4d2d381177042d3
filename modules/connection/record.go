package connection

import (
	"context"
	"errors"
	"fmt"

	"pcsh/runtime/cmdlet"
)

// record converts a failure of Query or Exec into an error record: SQL
// Server errors by number (SqlError<N>), connection failures, login and
// command timeouts, and cancellation. Messages are redacted.
func (c *Conn) record(ctx *cmdlet.Context, err error) *cmdlet.ErrorRecord {
	s := c.m.Secrets
	target := c.Target.Display()
	var ce *connectError
	isConnect := errors.As(err, &ce)
	if SQLErrors(err) != nil {
		r := SQLRecord(err, target, s)
		r.Hint = firstOf(r.Hint, sqlKerberosHint(c.Target, ErrorNumber(err)))
		return r
	}
	if r := kerberosRecord(c.Target, err, s); r != nil {
		return r
	}
	var lt *loginTimeout
	var ct *commandTimeout
	switch {
	case errors.Is(err, context.Canceled):
		return cmdlet.AsRecord(err)
	case errors.As(err, &lt):
		return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("Cannot connect to %s: the login did not finish within %s.",
			ce.target, lt.after)), ErrorID: "SqlLoginTimeout", Category: cmdlet.CategoryConnectionError, Target: target,
			Hint: "check that the instance is running and reachable" + paramHint(ctx, "ConnectTimeout", "; raise -ConnectTimeout for a slow network"), Err: err}
	case isConnect && isBrowserError(ce.err):
		return browserRecord(ce.err)
	case isConnect:
		return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("Cannot connect to %s: %v.", ce.target, ce.err)),
			ErrorID: "SqlConnectionFailed", Category: cmdlet.CategoryConnectionError, Target: target,
			Hint: "check the host name, port and firewall, and that SQL Server accepts TCP connections", Err: err}
	case errors.As(err, &ct):
		return &cmdlet.ErrorRecord{Message: c.commandTimeoutText(ct), ErrorID: "SqlCommandTimeout",
			Category: cmdlet.CategoryOperationTimeout, Target: target,
			Hint: "check that the instance is reachable (a partition looks like this)" +
				paramHint(ctx, "CommandTimeout", "; raise -CommandTimeout for a long batch, or pass 0 for no limit"), Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &cmdlet.ErrorRecord{Message: fmt.Sprintf("The statement on %s did not finish within the command timeout of %s.", target, c.commandTimeout()),
			ErrorID: "SqlCommandTimeout", Category: cmdlet.CategoryOperationTimeout, Target: target,
			Hint: "the batch ran out of time" + paramHint(ctx, "CommandTimeout", "; raise -CommandTimeout, or pass 0 for no limit"), Err: err}
	}
	return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("The SQL client failed on %s: %v.", target, err)),
		ErrorID: "SqlClientError", Category: cmdlet.CategoryInvalidOperation, Target: target, Err: err}
}

// commandTimeoutText names the instance that served the batch (the
// failover partner, when it answered for the named one) and the timeout.
func (c *Conn) commandTimeoutText(ct *commandTimeout) string {
	where := c.Target.Display()
	if ct.served != c.Target {
		where = fmt.Sprintf("%s (the failover partner of %s)", ct.served, where)
	}
	return fmt.Sprintf("The statement on %s did not finish within the command timeout of %s.", where, ct.after)
}

// paramHint is text when the running command has the parameter it names,
// so a hint never points at a parameter the command lacks.
func paramHint(ctx *cmdlet.Context, param, text string) string {
	if ctx == nil || ctx.Command == nil || ctx.Command.Param(param) == nil {
		return ""
	}
	return text
}
