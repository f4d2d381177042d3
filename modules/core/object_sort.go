package core

import (
	"sort"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Sort-Object",
		Synopsis: "Sorts objects by property values.",
		Description: "Sorts by each -Property in turn (numbers numerically, times chronologically, text " +
			"case-insensitively). The sort is stable. Without -Property, sorts scalars by value.",
		Examples: []cmdlet.Example{
			{Code: "Get-Command | Sort-Object Module, Name", Remarks: "Sorts by module, then by name."},
			{Code: "Get-Verb | Sort-Object Group -Descending", Remarks: "Sorts in reverse order."},
		},
		Related: []string{"Select-Object"},
		New:     func() cmdlet.Cmdlet { return new(sortObject) },
	})
}

type sortObject struct {
	Property    []string `param:"position=0" help:"Properties to sort by, most significant first."`
	Descending  bool     `param:"" help:"Sorts in descending order."`
	Unique      bool     `param:"" help:"Drops objects equal to the one before them."`
	InputObject []any    `param:"pipeline=value" help:"The objects to sort."`
}

// Process writes the objects in sorted order.
func (s *sortObject) Process(ctx *cmdlet.Context) error {
	items := append([]any(nil), s.InputObject...)
	sort.SliceStable(items, func(i, j int) bool {
		c := s.compare(items[i], items[j])
		if s.Descending {
			return c > 0
		}
		return c < 0
	})
	for i, it := range items {
		if s.Unique && i > 0 && s.compare(items[i-1], it) == 0 {
			continue
		}
		ctx.WriteObject(it)
	}
	return nil
}

func (s *sortObject) compare(a, b any) int {
	if len(s.Property) == 0 {
		return compareValues(a, b)
	}
	for _, p := range s.Property {
		if c := compareValues(prop(a, p), prop(b, p)); c != 0 {
			return c
		}
	}
	return 0
}

// prop reads a property of an object; scalars have none.
func prop(v any, name string) any {
	if o, ok := v.(*cmdlet.Object); ok {
		x, _ := o.Get(name)
		return x
	}
	if h, ok := v.(*cmdlet.Hashtable); ok {
		x, _ := h.Get(name)
		return x
	}
	return nil
}

// compareValues orders nil first, then numbers, times and text.
func compareValues(a, b any) int {
	if a == nil || b == nil {
		return boolInt(a != nil) - boolInt(b != nil)
	}
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return cmpFloat(x, y)
		}
	}
	if x, ok := a.(time.Time); ok {
		if y, ok := b.(time.Time); ok {
			return x.Compare(y)
		}
	}
	return strings.Compare(strings.ToLower(format.Text(a)), strings.ToLower(format.Text(b)))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
