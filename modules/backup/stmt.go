package backup

import (
	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// stmt is one batch: its text, whose @p1, @p2, … are Args in order (as
// go-mssqldb names positional parameters), and the progress activity.
type stmt struct {
	SQL      string
	Args     []any
	Activity string
}

// action is the ShouldProcess text: the batch as a script that runs as
// it stands, a DECLARE line for each parameter before it.
func (s stmt) action() string { return connection.RunnableText(s.SQL, s.Args) }

// args returns the arguments for Query and Exec.
func (s stmt) args() []any {
	out := append([]any(nil), s.Args...)
	if s.Activity != "" {
		out = append(out, connection.Activity(s.Activity))
	}
	return out
}

// apply confirms s on instance and runs it when the decision is Proceed;
// under -WhatIf (WhatIfShown) or a "no" answer (Declined) it runs nothing.
func apply(ctx *cmdlet.Context, db SQL, instance string, s stmt) (cmdlet.Decision, error) {
	d := ctx.Decide(instance, s.action())
	if d != cmdlet.Proceed {
		return d, nil
	}
	_, err := db.Exec(ctx, instance, s.SQL, s.args()...)
	return d, err
}

// quote returns QUOTENAME(name) or an InvalidArgument record.
func quote(name string) (string, error) {
	q, err := connection.QuoteName(name)
	if err != nil {
		return "", cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidName", name, "Cannot use %q as a database name: %v.", name, err)
	}
	return q, nil
}

// failed prefixes a failed statement's record with what it was doing.
func failed(err error, what string) *cmdlet.ErrorRecord {
	rec := *cmdlet.AsRecord(err)
	rec.Message = what + ": " + rec.Message
	return &rec
}
