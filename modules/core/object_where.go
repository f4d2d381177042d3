package core

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Where-Object",
		Synopsis: "Selects objects whose property matches a condition.",
		Description: "The simple form compares one property with one value: Where-Object PoolState -EQ FailedOver. " +
			"From Lua, -FilterScript takes a function that receives each object and returns true to keep it. " +
			"Text comparisons are case-insensitive, as in PowerShell.",
		Examples: []cmdlet.Example{
			{Code: "Get-Command | Where-Object Module -EQ core", Remarks: "Keeps the core module's commands."},
			{Code: "Get-Command | Where-Object Name -Like Get-*", Remarks: "Keeps names matching a wildcard."},
			{Code: "Get-Verb | Where-Object Group -NE Common", Remarks: "Drops one group."},
			{Code: "Get-CsDatabaseMirrorState -PoolFqdn pc.lab.local | Where-Object MirroringStatusOnMirror -EQ $null", Remarks: "Keeps the databases whose mirror reported no status."},
		},
		Related: []string{"Select-Object", "Sort-Object"},
		New:     func() cmdlet.Cmdlet { return new(whereObject) },
	})
}

type whereObject struct {
	Property     string             `param:"position=0" help:"The property to test."`
	Value        any                `param:"position=1" help:"The value to compare with."`
	EQ           bool               `param:"" help:"Keeps objects whose property equals the value."`
	NE           bool               `param:"" help:"Keeps objects whose property differs from the value."`
	GT           bool               `param:"" help:"Keeps objects whose property is greater than the value."`
	LT           bool               `param:"" help:"Keeps objects whose property is less than the value."`
	GE           bool               `param:"" help:"Keeps objects whose property is greater than or equal to the value."`
	LE           bool               `param:"" help:"Keeps objects whose property is less than or equal to the value."`
	Like         bool               `param:"" help:"Keeps objects whose property matches the wildcard value."`
	NotLike      bool               `param:"" help:"Keeps objects whose property does not match the wildcard value."`
	Match        bool               `param:"" help:"Keeps objects whose property matches the regular expression value."`
	FilterScript cmdlet.ScriptBlock `param:"" help:"A Lua function(object) returning true to keep the object."`
	InputObject  []any              `param:"pipeline=value" help:"The objects to filter."`

	valueGiven bool // -Value was given, possibly as $null
}

// SetBound notes whether -Value was given: -EQ $null binds a nil value,
// which leaves Value as it would be without -Value.
func (w *whereObject) SetBound(b *cmdlet.Bound) { w.valueGiven = b.Has("Value") }

// Validate requires exactly one way of filtering. As in PowerShell, a
// -Value needs an operator and an operator needs a -Value; -Property
// alone keeps the objects whose property is true, non-empty or non-zero.
func (w *whereObject) Validate() error {
	ops := w.operators()
	switch {
	case w.FilterScript != nil && (ops > 0 || w.Property != ""):
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "AmbiguousFilter", "", "Use either -FilterScript or -Property with one operator, not both.")
	case w.FilterScript == nil && w.Property == "":
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "MissingFilter", "", "Specify -Property with an operator such as -EQ, or -FilterScript.")
	case w.FilterScript == nil && ops > 1:
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "AmbiguousOperator", "", "Specify only one comparison operator.")
	case w.FilterScript == nil && ops == 0 && w.valueGiven:
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "OperatorNotSpecified", "",
			"The value '%s' has no comparison operator: specify one such as -EQ, -Like or -Match.", format.Text(w.Value)).
			WithHint("did you mean Where-Object %s -EQ %s?", w.Property, format.Text(w.Value))
	case w.FilterScript == nil && ops == 1 && !w.valueGiven:
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "ValueNotSpecifiedForWhereObject", "",
			"The specified operator requires both the -Property and -Value parameters.").
			WithHint("to test for a missing value, compare with $null: Where-Object %s -EQ $null", w.Property)
	}
	return nil
}

// operators counts the comparison operators given.
func (w *whereObject) operators() int {
	n := 0
	for _, b := range []bool{w.EQ, w.NE, w.GT, w.LT, w.GE, w.LE, w.Like, w.NotLike, w.Match} {
		if b {
			n++
		}
	}
	return n
}

// Process writes the objects that pass the filter.
func (w *whereObject) Process(ctx *cmdlet.Context) error {
	for _, it := range w.InputObject {
		keep, err := w.keep(ctx, it)
		if err != nil {
			return err
		}
		if keep {
			ctx.WriteObject(it)
		}
	}
	return nil
}

func (w *whereObject) keep(ctx *cmdlet.Context, it any) (bool, error) {
	if w.FilterScript != nil {
		res, err := w.FilterScript.Call(ctx, it)
		if err != nil {
			return false, err
		}
		return len(res) > 0 && truthy(res[0]), nil
	}
	v := prop(it, w.Property)
	if w.operators() == 0 {
		return truthy(v), nil
	}
	return w.compare(v)
}

func (w *whereObject) compare(v any) (bool, error) {
	text := format.Text(w.Value)
	switch {
	case w.Like, w.NotLike:
		ok, err := path.Match(strings.ToLower(text), strings.ToLower(format.Text(v)))
		return ok == w.Like, err
	case w.Match:
		re, err := regexp.Compile("(?i)" + text)
		if err != nil {
			return false, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidRegularExpression", text, "The regular expression '%s' is not valid: %v.", text, err)
		}
		return re.MatchString(format.Text(v)), nil
	}
	c := compareValues(v, coerce(w.Value, v))
	return w.EQ && c == 0 || w.NE && c != 0 || w.GT && c > 0 || w.LT && c < 0 || w.GE && c >= 0 || w.LE && c <= 0, nil
}

// coerce converts the comparison value to the property's kind, as
// PowerShell converts the right-hand side to the left-hand side's type.
func coerce(val, like any) any {
	s, isText := val.(string)
	if !isText {
		return val
	}
	if _, ok := number(like); ok {
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			return x
		}
	}
	if _, ok := like.(bool); ok {
		return strings.EqualFold(s, "true") || strings.EqualFold(s, "$true")
	}
	return val
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case float64:
		return x != 0
	}
	return true
}
