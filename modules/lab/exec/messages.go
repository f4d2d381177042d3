package exec

import (
	"fmt"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// use runs USE database: ENVCHANGE and the 5701 message, or 911.
func (r *run) use(st *tsql.UseStmt) error {
	if err := r.s.eng.Use(st.Database); err != nil {
		return err
	}
	name := r.s.eng.Database()
	if err := r.w.Database(name); err != nil {
		return err
	}
	return r.w.Info(r.sqlMessage(engine.Raise(5701, name), st.Line))
}

// print sends PRINT's text as an INFO message (number 0, class 0).
func (r *run) print(st *tsql.PrintStmt) error {
	v, err := r.eval(st.Value, nil)
	if err != nil {
		return err
	}
	return r.w.Info(&sqltype.Error{Number: 0, State: 1, Class: 0, Message: toText(v, -1), LineNo: int32(st.Line),
		ProcName: r.proc})
}

// raiserror runs RAISERROR: a string message is number 50000 with printf
// style arguments; a number must be a catalogued message (18054
// otherwise). Severity 10 or less is an INFO message.
func (r *run) raiserror(st *tsql.RaiserrorStmt) error {
	vals, err := r.evalAll(append([]tsql.Expr{st.Message, st.Severity, st.State}, st.Args...))
	if err != nil {
		return err
	}
	sev, err := argInt(vals[1])
	if err != nil {
		return err
	}
	state, err := argInt(vals[2])
	if err != nil {
		return err
	}
	e, err := raisedMessage(vals[0], vals[3:], uint8(min(max(sev, 0), 25)), uint8(min(max(state, 0), 255)))
	if err != nil {
		return err
	}
	if e.IsInfo() {
		return r.w.Info(r.sqlMessage(e, st.Line))
	}
	return e
}

// raisedMessage builds RAISERROR's message.
func raisedMessage(msg value, args []value, sev, state uint8) (*engine.Error, error) {
	if isString(msg.t) || msg.v == nil {
		return &engine.Error{Number: 50000, Severity: sev, State: state, Message: printf(toText(msg, -1), args)}, nil
	}
	n, err := argInt(msg)
	if err != nil {
		return nil, err
	}
	if n < 13000 && n != 0 {
		return nil, engine.Raise(2732, n, 13000, 2147483647)
	}
	return engine.Raise(18054, n, sev, state), nil
}

// printf expands RAISERROR's %s, %d, %i, %u, %x and %% with its
// arguments; a missing argument prints as "(null)".
func printf(format string, args []value) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0123456789.*lhI", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		if format[j] == '%' {
			b.WriteByte('%')
		} else {
			b.WriteString(printfArg(format[j], args, next))
			next++
		}
		i = j
	}
	return b.String()
}

func printfArg(verb byte, args []value, i int) string {
	if i >= len(args) || args[i].v == nil {
		return "(null)"
	}
	switch verb {
	case 'x', 'X', 'o':
		n, _ := argInt(args[i])
		return fmt.Sprintf("%"+string(verb), n)
	}
	return toText(args[i], -1)
}

// throw runs THROW number, message, state (severity 16), or re-throws the
// error a CATCH block handles.
func (r *run) throw(st *tsql.ThrowStmt) error {
	if st.Number == nil {
		if r.caught == nil {
			return unsupported("THROW without arguments outside a CATCH block")
		}
		return &stmtError{errs: r.caught.errs, line: r.caught.line}
	}
	vals, err := r.evalAll([]tsql.Expr{st.Number, st.Message, st.State})
	if err != nil {
		return err
	}
	n, err := argInt(vals[0])
	if err != nil {
		return err
	}
	if n < 50000 {
		return engine.Raise(35100, n)
	}
	state, err := argInt(vals[2])
	if err != nil {
		return err
	}
	return &engine.Error{Number: int32(n), Severity: 16, State: uint8(min(max(state, 0), 255)), Message: toText(vals[1], -1)}
}

// evalAll evaluates expressions without a row.
func (r *run) evalAll(exprs []tsql.Expr) ([]value, error) {
	out := make([]value, len(exprs))
	for i, e := range exprs {
		v, err := r.eval(e, nil)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
