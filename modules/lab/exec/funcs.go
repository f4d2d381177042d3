package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// builtin is a scalar function: its argument count range and body.
type builtin struct {
	min, max int // max -1: any number
	fn       func(r *run, a []value) (value, error)
}

// builtins returns the scalar functions the lab implements, by lower-case
// name.
func builtins() map[string]builtin {
	m := map[string]builtin{}
	for _, part := range []map[string]builtin{stringFuncs(), mathFuncs(), nullFuncs(), systemFuncs(), timeFuncs()} {
		for k, v := range part {
			m[k] = v
		}
	}
	return m
}

// call evaluates a function call: aggregates over the current group, the
// date-part functions with their keyword argument, the built-ins.
func (r *run) call(x *tsql.FuncCall, sc *scope) (value, error) {
	name := strings.ToLower(x.Name.Object())
	if len(x.Name.Parts) > 1 && !strings.EqualFold(x.Name.Schema(), "sys") && !strings.EqualFold(x.Name.Schema(), "dbo") {
		return value{}, engine.Raise(195, x.Name.String(), "built-in function name")
	}
	if isAggregate(name) {
		return r.aggregate(x, name, sc)
	}
	switch name {
	case "dateadd", "datediff", "datepart", "datename":
		return r.dateFunc(x, name, sc)
	}
	b, ok := r.s.h.funcs[name]
	if !ok {
		return value{}, engine.Raise(195, x.Name.Object(), "built-in function name")
	}
	if len(x.Args) < b.min || (b.max >= 0 && len(x.Args) > b.max) {
		return value{}, engine.Raise(174, strings.ToUpper(name), b.min)
	}
	args := make([]value, len(x.Args))
	for i, a := range x.Args {
		v, err := r.eval(a, sc)
		if err != nil {
			return value{}, err
		}
		args[i] = v
	}
	return b.fn(r, args)
}

// fixed wraps a function of exactly n arguments.
func fixed(n int, fn func(r *run, a []value) (value, error)) builtin {
	return builtin{min: n, max: n, fn: fn}
}

// pure wraps a function that needs no session state.
func pure(n int, fn func(a []value) (value, error)) builtin {
	return fixed(n, func(_ *run, a []value) (value, error) { return fn(a) })
}

// anyNull reports whether any argument is NULL.
func anyNull(a []value) bool {
	for _, v := range a {
		if v.v == nil {
			return true
		}
	}
	return false
}

// argInt reads an integer argument.
func argInt(v value) (int64, error) {
	c, err := convert(v, bigintT(), -1)
	if err != nil {
		return 0, err
	}
	n, _ := c.v.(int64)
	return n, nil
}
