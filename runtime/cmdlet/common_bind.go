package cmdlet

import (
	"fmt"
	"strings"
)

// The one binder of the common parameters: a cmdlet's named arguments
// (Bind), a plain script's words (pcsh run script.lua -WhatIf) and the
// CLI's global flags (--whatif) all resolve and convert them here, so
// -wi, -WhatIf:$true and -WhatIf:$false mean the same on every surface.

// lookupParam finds name among params: by name or alias, else by
// unambiguous prefix, as PowerShell does. A nil result with hits means
// the prefix is ambiguous; with none, nothing matches.
func lookupParam(params []*Param, name string) (p *Param, hits []*Param) {
	for _, p := range params {
		if p.Matches(name) {
			return p, nil
		}
	}
	lower := strings.ToLower(name)
	for _, p := range params {
		if lower != "" && strings.HasPrefix(strings.ToLower(p.Name), lower) {
			hits = append(hits, p)
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	return nil, hits
}

// ambiguousParam is the AmbiguousParameter record for a prefix that
// matches several parameters.
func ambiguousParam(name string, hits []*Param) *ErrorRecord {
	names := make([]string, len(hits))
	for i, h := range hits {
		names[i] = h.Name
	}
	return usageError("AmbiguousParameter", "Parameter cannot be processed because the parameter name '%s' is ambiguous. Possible matches include: -%s.", name, strings.Join(names, " -"))
}

// FindParam finds a parameter of cmd, common parameters included, by
// name, alias or unambiguous prefix; nil when none or several match (Bind
// then says which).
func FindParam(cmd *Command, name string) *Param {
	p, _ := lookupParam(withCommon(cmd), name)
	return p
}

func withCommon(cmd *Command) []*Param {
	return append(append([]*Param(nil), cmd.Params...), commonParams...)
}

// ResolveCommon finds the common parameter name stands for: its name, an
// alias (-wi) or an unambiguous prefix (-What). A name one edit from such
// a prefix (-Wat, -Confrm) is a misspelt common parameter: a
// NamedParameterNotFound record that names it. Any other name is none of
// them: nil, nil, and the caller decides (a plain script gets the word).
func ResolveCommon(name string) (*Param, *ErrorRecord) {
	p, hits := lookupParam(commonParams, name)
	switch {
	case p != nil:
		return p, nil
	case len(hits) > 1:
		return nil, ambiguousParam(name, hits)
	}
	near := misspeltCommon(name)
	if near == nil {
		return nil, nil
	}
	rec := usageError("NamedParameterNotFound", "A parameter cannot be found that matches parameter name '%s'.", name)
	rec.Hint = fmt.Sprintf("did you mean '%s'?", near.Name)
	return nil, rec
}

// misspeltCommon returns the common parameter whose name begins with
// something one edit from name (three letters or more), or nil.
func misspeltCommon(name string) *Param {
	lower := strings.ToLower(name)
	if len(lower) < 3 {
		return nil
	}
	for _, p := range commonParams {
		full := strings.ToLower(p.Name)
		for n := 3; n <= len(full); n++ {
			if distance(lower, full[:n]) <= 1 {
				return p
			}
		}
	}
	return nil
}

// BindCommon binds one argument to the common parameter p (found by
// ResolveCommon or FindParam): a bare switch is true, a value converts as
// the parameter's kind (-WhatIf:$false is false, -ErrorAction takes
// Continue, Stop or SilentlyContinue), and giving one twice is an error.
func (c *Common) BindCommon(p *Param, na NamedArg) *ErrorRecord {
	v, rec := argValue(p, na)
	if rec != nil {
		return rec
	}
	if c.given(p) {
		return alreadyBound(p)
	}
	c.set(p, v)
	return nil
}

// argValue converts a named argument's value for p: a bare -Name is true
// for a switch and a MissingArgument record for any other kind.
func argValue(p *Param, na NamedArg) (any, *ErrorRecord) {
	v := na.Value
	if na.NoValue {
		if !p.IsSwitch() {
			return nil, usageError("MissingArgument", "Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.", p.Name, p.TypeName)
		}
		v = true
	}
	return convert(p, v)
}

func alreadyBound(p *Param) *ErrorRecord {
	return usageError("ParameterAlreadyBound", "Cannot bind parameter '%s' because it was specified more than once.", p.Name)
}

// ApplyTo overlays the common parameters given on p, as a call's own
// parameters override the preferences it inherits; -Force becomes p.Force,
// which is -Force for the one command p is handed to and is never
// inherited (see Prefs.Force).
func (c Common) ApplyTo(p Prefs) Prefs {
	p = c.apply(p)
	p.Force = c.force(p)
	return p
}
