package cmdlet

import (
	"reflect"
	"strings"
)

// Cmdlet is implemented by every Go command.
type Cmdlet interface {
	// Process runs after binding and validation, once per pipeline input
	// object (or once when there is none). A returned error is terminating.
	Process(ctx *Context) error
}

// Validator is implemented by cmdlets with cross-parameter rules; it runs
// after binding and before Process.
type Validator interface {
	Validate() error
}

// BoundReceiver is implemented by cmdlets that must tell a parameter given
// as $null from one not given at all (Where-Object -EQ $null): a nil
// value leaves its field at the zero value either way. SetBound receives
// the bound parameters before Validate.
type BoundReceiver interface {
	SetBound(b *Bound)
}

// Example is one help example in command-line form. Tests parse and bind
// every example, so help cannot drift from the binder.
type Example struct {
	Code    string
	Remarks string
}

// Info describes a Go cmdlet. It must have no side effects.
type Info struct {
	Name        string // Verb-Noun
	Synopsis    string // one sentence
	Description string // paragraphs for Get-Help -Full
	Impact      Impact
	Output      string // output object type name, "" if none
	Examples    []Example
	Related     []string
	// Monitor marks a monitoring check: its exit code follows the
	// monitoring-plugin convention (PluginExitCodes), so a usage error or a
	// terminating error exits with ExitPluginUnknown.
	Monitor bool
	New     func() Cmdlet
}

// CommandType tells a Go cmdlet from a Lua runbook.
type CommandType string

// The command types.
const (
	TypeCmdlet  CommandType = "Cmdlet"
	TypeRunbook CommandType = "Runbook"
)

// RunFunc runs a command whose parameters are already bound.
type RunFunc func(ctx *Context, b *Bound) error

// Command is a registered command: its description, derived parameters and
// the function that runs it.
type Command struct {
	Info
	Type   CommandType
	Module string
	Source string // runbook file path, "" for Go cmdlets
	Params []*Param
	Run    RunFunc
}

// Verb returns the part of the name before the dash.
func (c *Command) Verb() string { v, _, _ := strings.Cut(c.Name, "-"); return v }

// Noun returns the part of the name after the dash.
func (c *Command) Noun() string { _, n, _ := strings.Cut(c.Name, "-"); return n }

// LuaName returns the Lua global name: the first dash becomes '_'.
func (c *Command) LuaName() string { return LuaName(c.Name) }

// LuaName maps Verb-Noun to Verb_Noun.
func LuaName(name string) string { return strings.Replace(name, "-", "_", 1) }

// Param returns the parameter with this exact name or alias.
func (c *Command) Param(name string) *Param {
	for _, p := range c.Params {
		if p.Matches(name) {
			return p
		}
	}
	return nil
}

// ParamNames returns the parameter names in declaration order.
func (c *Command) ParamNames() []string {
	out := make([]string, len(c.Params))
	for i, p := range c.Params {
		out[i] = p.Name
	}
	return out
}

// NewCommand derives a Command from a Go cmdlet's Info without registering
// it.
func NewCommand(info Info) (*Command, error) {
	if info.New == nil {
		return nil, errorf("cmdlet %s: Info.New is nil", info.Name)
	}
	proto := info.New()
	if proto == nil {
		return nil, errorf("cmdlet %s: Info.New returned nil", info.Name)
	}
	t := reflect.TypeOf(proto)
	params, err := paramsOf(t)
	if err != nil {
		return nil, errorf("cmdlet %s: %v", info.Name, err)
	}
	cmd := &Command{Info: info, Type: TypeCmdlet, Module: moduleOf(t), Params: params}
	cmd.Run = func(ctx *Context, b *Bound) error { return runGo(ctx, cmd, b) }
	return cmd, nil
}

// moduleOf names the module from the cmdlet's package: pcsh/modules/core
// gives "core".
func moduleOf(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	p := t.PkgPath()
	return p[strings.LastIndex(p, "/")+1:]
}

// runGo instantiates the cmdlet and processes it.
func runGo(ctx *Context, cmd *Command, b *Bound) error {
	c, err := instantiate(cmd, b)
	if err != nil {
		return err
	}
	return c.Process(ctx)
}

// instantiate creates the cmdlet, assigns bound values to its fields and
// runs its Validate: everything before Process.
func instantiate(cmd *Command, b *Bound) (Cmdlet, error) {
	c := cmd.New()
	rv := reflect.ValueOf(c).Elem()
	for _, p := range cmd.Params {
		v, ok := b.Values[p.Name]
		if !ok || v == nil {
			continue
		}
		assign(rv.FieldByIndex(p.field), v)
	}
	if br, ok := c.(BoundReceiver); ok {
		br.SetBound(b)
	}
	if val, ok := c.(Validator); ok {
		if err := val.Validate(); err != nil {
			rec := AsRecord(err)
			rec.Code = ExitUsage
			return nil, rec
		}
	}
	return c, nil
}

func assign(f reflect.Value, v any) {
	rv := reflect.ValueOf(v)
	if rv.Type().ConvertibleTo(f.Type()) {
		f.Set(rv.Convert(f.Type()))
		return
	}
	f.Set(rv)
}
