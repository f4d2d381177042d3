package logship

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// Stmt is one batch the module sends: its text, whose @p1, @p2, … are
// bound to Args in order, and the progress activity of long ones.
type Stmt struct {
	SQL      string
	Args     []any
	Activity string
}

// Arg is one named argument of a procedure call.
type Arg struct {
	Name  string // without the @
	Value any
}

// Proc renders EXEC name @a = @p1, @b = @p2, … with the values as
// parameters.
func Proc(name string, args ...Arg) Stmt {
	var b strings.Builder
	st := Stmt{}
	b.WriteString("EXEC " + name)
	for i, a := range args {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " @%s = @p%d", a.Name, i+1)
		st.Args = append(st.Args, a.Value)
	}
	st.SQL = b.String()
	return st
}

// Batch returns a statement whose text already holds @p1… for args.
func Batch(text string, args ...any) Stmt { return Stmt{SQL: text, Args: args} }

// Action is the ShouldProcess text: the batch as a script that runs as it
// stands, a DECLARE line binding each parameter before it.
func (s Stmt) Action() string { return connection.RunnableText(s.SQL, s.Args) }

// named returns the arguments for connection.Exec.
func (s Stmt) named() []any {
	out := make([]any, 0, len(s.Args)+1)
	for i, v := range s.Args {
		out = append(out, sql.Named("p"+strconv.Itoa(i+1), v))
	}
	if s.Activity != "" {
		out = append(out, connection.Activity(s.Activity))
	}
	return out
}

// applyStmt confirms st on srv and runs it, one change through
// runbook.Apply, and says what was decided (runbook.Decided): it ran only
// on Proceed; WhatIfShown under -WhatIf; Declined after an answer of No,
// which skips this statement alone (the caller goes on with its next),
// or in a stopped command (ctx.Stopped says so). The error is the
// statement's own, for the caller to judge (isNotFound, its number).
func applyStmt(ctx *cmdlet.Context, srv Server, st Stmt) (res *connection.Result, d cmdlet.Decision, err error) {
	applied, err := runbook.Apply(ctx, []runbook.Change{{Target: srv.Name(), Action: st.Action(), Do: func(ctx *cmdlet.Context) (err error) {
		res, err = srv.Exec(ctx, st.SQL, st.named()...)
		return err
	}}})
	if d = runbook.Decided(1, applied); d != cmdlet.Proceed {
		return nil, d, nil
	}
	return res, d, err
}

// query runs a read-only statement on srv.
func query(ctx *cmdlet.Context, srv Server, st Stmt) (*connection.Result, error) {
	return srv.Query(ctx, st.SQL, st.named()...)
}

// quote returns QUOTENAME(name) or an InvalidArgument record.
func quote(name string) (string, error) {
	q, err := connection.QuoteName(name)
	if err != nil {
		return "", cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidName", name, "Cannot use %q as a name: %v.", name, err)
	}
	return q, nil
}
