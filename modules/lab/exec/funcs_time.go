package exec

import (
	"strings"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// timeFuncs are the clock functions and YEAR, MONTH, DAY, ISDATE.
func timeFuncs() map[string]builtin {
	clock := func(t sqlType, utc bool) builtin {
		return fixed(0, func(r *run, _ []value) (value, error) {
			now := r.s.h.cfg.Now()
			if utc {
				now = now.UTC()
			}
			return value{roundTime(now, t), t}, nil
		})
	}
	part := func(p string) builtin {
		return pure(1, func(a []value) (value, error) {
			tm, ok, err := timeArg(a[0])
			if !ok || err != nil {
				return value{nil, intT()}, err
			}
			return value{datePartOf(p, tm), intT()}, nil
		})
	}
	return map[string]builtin{
		"getdate": clock(dateTimeT(), false), "current_timestamp": clock(dateTimeT(), false),
		"getutcdate": clock(dateTimeT(), true), "sysdatetime": clock(dt2T(), false),
		"sysutcdatetime": clock(dt2T(), true),
		"year":           part("year"), "month": part("month"), "day": part("day"),
		"isdate": pure(1, func(a []value) (value, error) {
			_, ok, err := timeArg(a[0])
			return value{b2i(ok && err == nil), intT()}, nil
		}),
	}
}

// timeArg reads a date/time argument; ok is false for NULL.
func timeArg(v value) (time.Time, bool, error) {
	if v.v == nil {
		return time.Time{}, false, nil
	}
	c, err := convert(v, dt2T(), -1)
	if err != nil {
		return time.Time{}, false, err
	}
	return c.v.(time.Time), true, nil
}

// dateFunc runs DATEADD, DATEDIFF, DATEPART and DATENAME, whose first
// argument is a date-part keyword.
func (r *run) dateFunc(x *tsql.FuncCall, name string, sc *scope) (value, error) {
	want := map[string]int{"dateadd": 3, "datediff": 3, "datepart": 2, "datename": 2}[name]
	if len(x.Args) != want {
		return value{}, engine.Raise(174, strings.ToUpper(name), want)
	}
	p := ""
	if c, ok := x.Args[0].(*tsql.ColumnRef); ok {
		p = datePart(c.Name.Object())
	}
	if p == "" {
		return value{}, engine.Raise(155, x.Args[0].String(), strings.ToUpper(name))
	}
	args := make([]value, 0, 2)
	for _, a := range x.Args[1:] {
		v, err := r.eval(a, sc)
		if err != nil {
			return value{}, err
		}
		args = append(args, v)
	}
	return dateCompute(name, p, args)
}

func dateCompute(name, p string, a []value) (value, error) {
	switch name {
	case "dateadd":
		return dateAddValue(p, a[0], a[1])
	case "datediff":
		t1, ok1, err := timeArg(a[0])
		if err != nil {
			return value{}, err
		}
		t2, ok2, err := timeArg(a[1])
		if !ok1 || !ok2 || err != nil {
			return value{nil, intT()}, err
		}
		return convert(value{dateDiff(p, t1, t2), bigintT()}, intT(), -1)
	}
	tm, ok, err := timeArg(a[0])
	if !ok || err != nil {
		return value{nil, intT()}, err
	}
	if name == "datename" {
		return dateName(p, tm), nil
	}
	return value{datePartOf(p, tm), intT()}, nil
}

func dateAddValue(p string, n, d value) (value, error) {
	t := d.t
	if !isTime(t) {
		t = dateTimeT()
	}
	tm, ok, err := timeArg(d)
	if !ok || err != nil || n.v == nil {
		return value{nil, t}, err
	}
	k, err := argInt(n)
	if err != nil {
		return value{}, err
	}
	return value{roundTime(dateAdd(p, k, tm), t), t}, nil
}

// dateName is DATENAME: month and weekday names, other parts as digits.
func dateName(p string, tm time.Time) value {
	switch p {
	case "month":
		return value{tm.Month().String(), nvarchar(30)}
	case "weekday":
		return value{tm.Weekday().String(), nvarchar(30)}
	}
	return value{itoa(datePartOf(p, tm)), nvarchar(30)}
}
