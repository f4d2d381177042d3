package cmdlet

import (
	"fmt"
	"sort"
)

// NamedArg is one -Name value pair from a call surface. NoValue marks a
// bare -Name (a switch, or a missing argument for other kinds).
type NamedArg struct {
	Name    string
	Value   any
	NoValue bool
}

// Args is what a call surface hands to the binder.
type Args struct {
	Named      []NamedArg
	Positional []any
}

// Bound is the result of binding: converted values by canonical parameter
// name, and the common parameters given.
type Bound struct {
	Values map[string]any
	Common Common
}

// Has reports whether the parameter was given or defaulted.
func (b *Bound) Has(name string) bool { _, ok := b.Values[name]; return ok }

// Bind binds args to the command's parameters: named first, then
// positional. It does not apply defaults or check mandatory parameters;
// Complete does, after pipeline input is bound.
func Bind(cmd *Command, args Args) (*Bound, *ErrorRecord) {
	b := &Bound{Values: make(map[string]any, len(cmd.Params))}
	for _, na := range args.Named {
		if err := bindNamed(cmd, b, na); err != nil {
			return nil, err
		}
	}
	if err := bindPositional(cmd, b, args.Positional); err != nil {
		return nil, err
	}
	return b, nil
}

func bindNamed(cmd *Command, b *Bound, na NamedArg) *ErrorRecord {
	p, err := resolveParam(cmd, na.Name)
	if err != nil {
		return err
	}
	if commonParam(p.Name) == p {
		return b.Common.BindCommon(p, na)
	}
	cv, err := argValue(p, na)
	if err != nil {
		return err
	}
	if _, dup := b.Values[p.Name]; dup {
		return alreadyBound(p)
	}
	b.Values[p.Name] = cv
	return nil
}

// resolveParam finds a parameter by name, alias or unambiguous prefix, as
// PowerShell does, including the common parameters.
func resolveParam(cmd *Command, name string) (*Param, *ErrorRecord) {
	p, hits := lookupParam(withCommon(cmd), name)
	switch {
	case p != nil:
		return p, nil
	case len(hits) == 0:
		return nil, notFoundParam(cmd, name)
	}
	return nil, ambiguousParam(name, hits)
}

func notFoundParam(cmd *Command, name string) *ErrorRecord {
	rec := usageError("NamedParameterNotFound", "A parameter cannot be found that matches parameter name '%s'.", name)
	names := cmd.ParamNames()
	for _, p := range commonParams {
		names = append(names, p.Name)
	}
	if s := suggest(name, names); s != "" {
		rec.Hint = fmt.Sprintf("did you mean '%s'?", s)
	}
	return rec
}

func bindPositional(cmd *Command, b *Bound, pos []any) *ErrorRecord {
	slots := positionalParams(cmd)
	i := 0
	for idx, v := range pos {
		for i < len(slots) && b.Has(slots[i].Name) {
			i++
		}
		if i < len(slots) && slots[i].Remaining {
			return bindRemaining(b, slots[i], pos[idx:])
		}
		if i >= len(slots) {
			return usageError("PositionalParameterNotFound", "A positional parameter cannot be found that accepts argument '%v'.", display(v))
		}
		cv, err := convert(slots[i], v)
		if err != nil {
			return err
		}
		b.Values[slots[i].Name] = cv
		i++
	}
	return nil
}

// bindRemaining gives a ValueFromRemainingArguments parameter every
// positional argument left, as one array.
func bindRemaining(b *Bound, p *Param, rest []any) *ErrorRecord {
	cv, err := convert(p, append([]any(nil), rest...))
	if err != nil {
		return err
	}
	b.Values[p.Name] = cv
	return nil
}

func positionalParams(cmd *Command) []*Param {
	var out []*Param
	for _, p := range cmd.Params {
		if p.Position >= 0 {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Position < out[j].Position })
	return out
}

func display(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return describe(v)
}

// BindInput binds one pipeline input value: by value to the first
// PipelineByValue parameter not already given, and by property name to
// PipelineByName parameters not already given. It reports whether anything
// took the input.
func BindInput(cmd *Command, b *Bound, input any) (bool, *ErrorRecord) {
	took := false
	for _, p := range cmd.Params {
		if b.Has(p.Name) {
			continue
		}
		v, ok := inputFor(p, input)
		if !ok {
			continue
		}
		cv, err := convert(p, v)
		if err != nil {
			return false, err
		}
		b.Values[p.Name] = cv
		took = true
	}
	return took, nil
}

func inputFor(p *Param, input any) (any, bool) {
	switch p.Pipeline {
	case PipelineByValue:
		return input, true
	case PipelineByName:
		if o, ok := input.(*Object); ok {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				if v, ok := o.Get(n); ok {
					return v, true
				}
			}
		}
	}
	return nil, false
}

// Complete applies defaults and reports the first missing mandatory
// parameter, if any.
func Complete(cmd *Command, b *Bound) *Param {
	for _, p := range cmd.Params {
		if b.Has(p.Name) {
			continue
		}
		if p.Default != nil {
			b.Values[p.Name] = p.Default
		} else if p.Mandatory {
			return p
		}
	}
	return nil
}

// MissingMandatory builds the error for a mandatory parameter that was not
// given in a run that cannot prompt.
func MissingMandatory(cmd *Command, p *Param) *ErrorRecord {
	rec := usageError("MissingMandatoryParameter", "Cannot process command because of one or more missing mandatory parameters: %s.", p.Name)
	rec.Hint = fmt.Sprintf("run Get-Help %s -Parameter %s", cmd.Name, p.Name)
	return rec
}
