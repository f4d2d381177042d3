package engine

import (
	"errors"
	"strings"

	"pcsh/modules/lab/sqltype"
)

// Error is one SQL Server error or informational message raised by the lab:
// the number, severity (class), state and the formatted message text.
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
}

// Error returns the message text as SQL Server prints it.
func (e *Error) Error() string { return e.Message }

// SQLError converts e to the TDS ERROR/INFO token value.
func (e *Error) SQLError() *sqltype.Error {
	return &sqltype.Error{Number: e.Number, State: e.State, Class: e.Severity, Message: e.Message}
}

// IsInfo reports whether e is an informational message (severity 10 or
// less), sent as an INFO token rather than an ERROR token.
func (e *Error) IsInfo() bool { return e.Severity <= 10 }

// Errors is a chain of SQL Server errors raised by one statement, in the
// order SQL Server sends them: a failing BACKUP or RESTORE reports the
// specific error first and 3013 last.
type Errors []*Error

// Error joins the messages, one per line.
func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Message
	}
	return strings.Join(parts, "\n")
}

// Unwrap exposes the chain to errors.Is and errors.As; errors.As finds the
// first (the specific) error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// SQLErrors flattens err into the SQL Server errors it carries, in order. A
// non-SQL error yields nil.
func SQLErrors(err error) []*Error {
	var chain Errors
	if errors.As(err, &chain) {
		return chain
	}
	var one *Error
	if errors.As(err, &one) {
		return []*Error{one}
	}
	return nil
}

// ErrorNumber returns the number of the first SQL Server error in err, or 0.
func ErrorNumber(err error) int32 {
	if es := SQLErrors(err); len(es) > 0 {
		return es[0].Number
	}
	return 0
}

// Raise builds the catalogued error number with its documented severity and
// state, formatting the message template with args. Raising an uncatalogued
// number is a programming error and panics.
func Raise(number int32, args ...any) *Error {
	def, ok := lookupMessage(number)
	if !ok {
		panic("engine: error number not in catalog: " + itoa(int64(number)))
	}
	return &Error{Number: number, Severity: def.Severity, State: def.State, Message: formatMessage(def.Text, args)}
}

// RaiseState is Raise with an explicit state, for errors whose state SQL
// Server varies by cause (18456 reports state 1 to clients).
func RaiseState(number int32, state uint8, args ...any) *Error {
	e := Raise(number, args...)
	e.State = state
	return e
}

// terminating appends 3013 ("<stmt> is terminating abnormally.") to the
// specific error, as BACKUP and RESTORE do.
func terminating(stmt string, err error) error {
	if err == nil {
		return nil
	}
	chain := SQLErrors(err)
	if chain == nil {
		chain = Errors{}
	}
	if onlyWarning(chain) {
		return chain[0]
	}
	out := append(Errors{}, chain...)
	return append(out, Raise(3013, stmt))
}
