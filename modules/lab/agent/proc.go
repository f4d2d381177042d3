package agent

import (
	"context"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// Procedure is one system stored procedure: where it lives, its declared
// parameters in order, and its body.
type Procedure struct {
	// Name is the procedure name in lower case, e.g. "sp_add_job".
	Name string
	// Database is the database the procedure lives in: "msdb" for the
	// Agent procedures, "master" for the log shipping procedures (which
	// SQL Server keeps in the sys schema and resolves from any database).
	Database string
	// Params are the declared parameters in declaration order.
	Params []Param
	// Run is the body. It returns the procedure's return status (0
	// success, 1 failure as the documented procedures do) and the error
	// it raised, if any.
	Run func(ctx context.Context, c *Call) (int, error)
}

// Param is one declared procedure parameter.
type Param struct {
	Name     string // with the leading '@', lower case
	Type     Type
	Required bool // no default: omitting it raises 201
	Default  any  // value when omitted (nil is NULL)
	Output   bool // declared OUTPUT
}

// Env is what a procedure can reach: the instance, the calling session
// and the instance's SQL Server Agent (nil when the Agent is not running).
type Env struct {
	Instance *engine.Instance
	Session  *engine.Session
	Agent    *Agent
}

// Writer receives the result sets and informational messages of a
// procedure. tds.ResultWriter satisfies it.
type Writer interface {
	Columns(cols []sqltype.Column) error
	Row(values []any) error
	Done(count int64) error
	Info(msg *sqltype.Error) error
}

// Arg is one argument of an EXEC or RPC call, already evaluated.
type Arg struct {
	Name    string // "@param" when named; "" when positional
	Value   any    // nil, int64, bool, string, [16]byte, sqltype.Decimal, float64, time.Time, []byte
	Output  bool   // the caller wrote OUTPUT
	Default bool   // the caller wrote DEFAULT
}

// Output is the value of an OUTPUT parameter the caller passed with
// OUTPUT, to assign back to its variable or send as a RETURNVALUE.
type Output struct {
	Name  string // "@param"
	Type  sqltype.DataType
	Value any
}

// Result is what a call returns to the executor.
type Result struct {
	Status  int
	Outputs []Output // in the order the arguments were passed
}

// Call is one invocation of a procedure with its bound arguments.
type Call struct {
	Env
	Proc *Procedure
	Out  Writer

	values  map[string]any  // every declared parameter, defaults applied
	given   map[string]bool // parameters the caller supplied (not DEFAULT)
	outputs []string        // parameters passed with OUTPUT, in order
}

// Exec binds args to p as SQL Server does and runs p. Binding errors
// (201, 8143, 8144, 8145, 8162, conversion errors) are returned before p
// runs, with a zero Result. Otherwise the Result carries the return status
// and OUTPUT values even when p raised an error.
func Exec(ctx context.Context, p *Procedure, env Env, args []Arg, w Writer) (Result, error) {
	c, err := bind(p, args)
	if err != nil {
		return Result{}, err
	}
	c.Env, c.Out = env, w
	if c.Out == nil {
		c.Out = discard{}
	}
	status, err := p.Run(ctx, c)
	return Result{Status: status, Outputs: c.outputValues()}, err
}

// Value returns the bound value of parameter name ("@x"), converted to
// its declared type: string, int64, bool, [16]byte or nil.
func (c *Call) Value(name string) any { return c.values[strings.ToLower(name)] }

// Given reports whether the caller supplied parameter name with a value.
func (c *Call) Given(name string) bool { return c.given[strings.ToLower(name)] }

// String returns a character parameter ("" for NULL).
func (c *Call) String(name string) string {
	s, _ := c.Value(name).(string)
	return s
}

// Int returns an integer or bit parameter (0 for NULL).
func (c *Call) Int(name string) int64 {
	switch v := c.Value(name).(type) {
	case int64:
		return v
	case bool:
		if v {
			return 1
		}
	}
	return 0
}

// Bool returns a bit parameter (false for NULL).
func (c *Call) Bool(name string) bool { return c.Int(name) != 0 }

// IsNull reports whether parameter name is NULL.
func (c *Call) IsNull(name string) bool { return c.Value(name) == nil }

// GUID returns a uniqueidentifier parameter and whether it is not NULL.
func (c *Call) GUID(name string) ([16]byte, bool) {
	g, ok := c.Value(name).([16]byte)
	return g, ok
}

// SetOutput sets the value of an OUTPUT parameter.
func (c *Call) SetOutput(name string, v any) { c.values[strings.ToLower(name)] = v }

// Print sends an informational message (PRINT, RAISERROR severity ≤ 10).
func (c *Call) Print(e *engine.Error) error { return c.Out.Info(e.SQLError()) }

// Rows writes one result set.
func (c *Call) Rows(cols []sqltype.Column, rows [][]any) error {
	if err := c.Out.Columns(cols); err != nil {
		return err
	}
	for _, r := range rows {
		if err := c.Out.Row(r); err != nil {
			return err
		}
	}
	return c.Out.Done(int64(len(rows)))
}

// outputValues returns the OUTPUT parameters the caller asked for.
func (c *Call) outputValues() []Output {
	var out []Output
	for _, name := range c.outputs {
		p := c.Proc.param(name)
		out = append(out, Output{Name: p.Name, Type: p.Type.wire(), Value: c.values[name]})
	}
	return out
}

// param returns the declared parameter called name, or nil.
func (p *Procedure) param(name string) *Param {
	for k := range p.Params {
		if p.Params[k].Name == name {
			return &p.Params[k]
		}
	}
	return nil
}

// discard is a Writer that drops everything.
type discard struct{}

func (discard) Columns([]sqltype.Column) error { return nil }
func (discard) Row([]any) error                { return nil }
func (discard) Done(int64) error               { return nil }
func (discard) Info(*sqltype.Error) error      { return nil }
