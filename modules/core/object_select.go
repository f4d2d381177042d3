package core

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Select-Object",
		Synopsis: "Selects properties of objects, or the first or last objects.",
		Description: "With -Property, writes new objects with only those properties, in that order. " +
			"-ExpandProperty writes the values of one property. -First and -Last keep that many objects.",
		Examples: []cmdlet.Example{
			{Code: "Get-Command | Select-Object Name, Module -First 3", Remarks: "Keeps two properties of the first three commands."},
			{Code: "Get-Command | Select-Object -ExpandProperty Name", Remarks: "Writes the names as strings."},
		},
		Related: []string{"Sort-Object", "Where-Object"},
		New:     func() cmdlet.Cmdlet { return new(selectObject) },
	})
}

type selectObject struct {
	Property       []string `param:"position=0" help:"Properties to keep, in order."`
	ExpandProperty string   `param:"" help:"Writes the value of this property instead of an object."`
	First          int      `param:"" help:"Keeps only the first N objects."`
	Last           int      `param:"" help:"Keeps only the last N objects."`
	InputObject    []any    `param:"pipeline=value" help:"The objects to select from."`
}

// Validate rejects negative counts.
func (s *selectObject) Validate() error {
	if s.First < 0 || s.Last < 0 {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidCount", "", "Cannot validate argument: -First and -Last must not be negative.")
	}
	return nil
}

// Process writes the selected objects.
func (s *selectObject) Process(ctx *cmdlet.Context) error {
	items := s.InputObject
	if s.First > 0 && s.First < len(items) {
		items = items[:s.First]
	}
	if s.Last > 0 && s.Last < len(items) {
		items = items[len(items)-s.Last:]
	}
	for _, it := range items {
		out, err := s.pick(it)
		if err != nil {
			return err
		}
		ctx.WriteObject(out)
	}
	return nil
}

func (s *selectObject) pick(it any) (any, error) {
	o, isObj := asObject(it)
	if s.ExpandProperty != "" {
		if !isObj {
			return nil, propertyMissing(s.ExpandProperty, it)
		}
		v, ok := o.Get(s.ExpandProperty)
		if !ok {
			return nil, propertyMissing(s.ExpandProperty, it)
		}
		return v, nil
	}
	if len(s.Property) == 0 || !isObj {
		return it, nil
	}
	sel := cmdlet.NewObject(o.TypeName)
	for _, name := range s.Property {
		if name == "*" {
			for _, p := range o.Props {
				sel.Set(p.Name, p.Value)
			}
			continue
		}
		v, _ := o.Get(name)
		sel.Set(canonicalName(o, name), v)
	}
	return sel, nil
}

// asObject views a hashtable (a plain Lua table) as an object, so
// -Property and -ExpandProperty select from its keys as from properties.
func asObject(it any) (*cmdlet.Object, bool) {
	switch x := it.(type) {
	case *cmdlet.Object:
		return x, true
	case *cmdlet.Hashtable:
		o := cmdlet.NewObject("PSCustomObject")
		for i, k := range x.Keys {
			o.Set(k, x.Values[i])
		}
		return o, true
	}
	return nil, false
}

func canonicalName(o *cmdlet.Object, name string) string {
	for _, n := range o.Names() {
		if equalFold(n, name) {
			return n
		}
	}
	return name
}

func propertyMissing(name string, it any) *cmdlet.ErrorRecord {
	rec := cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "ExpandPropertyNotFound", name,
		"Property '%s' cannot be found on the input object.", name)
	if o, ok := it.(*cmdlet.Object); ok {
		if s := cmdlet.Suggest(name, o.Names(), 1); len(s) > 0 {
			rec.Hint = "did you mean '" + s[0] + "'?"
		}
	}
	return rec
}
