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
func (c *Conn) record(err error) *cmdlet.ErrorRecord {
	s := c.m.Secrets
	target := c.Target.Display()
	var ce *connectError
	isConnect := errors.As(err, &ce)
	if SQLErrors(err) != nil {
		return SQLRecord(err, target, s)
	}
	var lt *loginTimeout
	switch {
	case errors.Is(err, context.Canceled):
		return cmdlet.AsRecord(err)
	case errors.As(err, &lt):
		return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("Cannot connect to %s: the login did not finish within %s.",
			ce.target, lt.after)), ErrorID: "SqlLoginTimeout", Category: cmdlet.CategoryConnectionError, Target: target,
			Hint: "check that the instance is running and reachable; raise -ConnectTimeout for a slow network", Err: err}
	case isConnect:
		return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("Cannot connect to %s: %v.", ce.target, ce.err)),
			ErrorID: "SqlConnectionFailed", Category: cmdlet.CategoryConnectionError, Target: target,
			Hint: "check the host name, port and firewall, and that SQL Server accepts TCP connections", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &cmdlet.ErrorRecord{Message: fmt.Sprintf("The statement on %s did not finish within the command timeout.", target),
			ErrorID: "SqlCommandTimeout", Category: cmdlet.CategoryOperationTimeout, Target: target,
			Hint: "raise -CommandTimeout, or pass 0 for no limit", Err: err}
	}
	return &cmdlet.ErrorRecord{Message: s.Redact(fmt.Sprintf("The SQL client failed on %s: %v.", target, err)),
		ErrorID: "SqlClientError", Category: cmdlet.CategoryInvalidOperation, Target: target, Err: err}
}
