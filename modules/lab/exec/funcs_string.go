package exec

import (
	"strings"
	"unicode/utf8"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// stringFuncs are LEN, UPPER, SUBSTRING, REPLACE, CHARINDEX and friends.
func stringFuncs() map[string]builtin {
	return map[string]builtin{
		"len": pure(1, func(a []value) (value, error) {
			return intOrNull(a, func() int64 { return int64(utf8.RuneCountInString(strings.TrimRight(toText(a[0], -1), " "))) })
		}),
		"datalength": pure(1, func(a []value) (value, error) {
			return intOrNull(a, func() int64 { return dataLength(a[0]) })
		}),
		"upper":   textFunc(strings.ToUpper),
		"lower":   textFunc(strings.ToLower),
		"ltrim":   textFunc(func(s string) string { return strings.TrimLeft(s, " ") }),
		"rtrim":   textFunc(func(s string) string { return strings.TrimRight(s, " ") }),
		"trim":    textFunc(func(s string) string { return strings.Trim(s, " ") }),
		"reverse": textFunc(reverse),
		"substring": pure(3, func(a []value) (value, error) {
			return substring(a[0], a[1], a[2])
		}),
		"left":      pure(2, func(a []value) (value, error) { return leftRight(a, true) }),
		"right":     pure(2, func(a []value) (value, error) { return leftRight(a, false) }),
		"replace":   pure(3, replaceFunc),
		"charindex": {min: 2, max: 3, fn: func(_ *run, a []value) (value, error) { return charindex(a) }},
		"replicate": pure(2, replicate),
		"space": pure(1, func(a []value) (value, error) {
			return replicate([]value{stringLit(" ", false), a[0]})
		}),
		"concat":    {min: 2, max: -1, fn: func(_ *run, a []value) (value, error) { return concatFunc(a), nil }},
		"quotename": {min: 1, max: 2, fn: func(_ *run, a []value) (value, error) { return quotename(a) }},
		"char": pure(1, func(a []value) (value, error) {
			n, err := argInt(a[0])
			if a[0].v == nil || err != nil || n < 0 || n > 255 {
				return value{nil, varchar(1)}, err
			}
			return value{string(rune(n)), varchar(1)}, nil
		}),
		"ascii": pure(1, func(a []value) (value, error) {
			s := toText(a[0], -1)
			if a[0].v == nil || s == "" {
				return value{nil, intT()}, nil
			}
			return value{int64([]rune(s)[0]), intT()}, nil
		}),
	}
}

// intOrNull returns NULL for a NULL argument, else f() as int.
func intOrNull(a []value, f func() int64) (value, error) {
	if anyNull(a) {
		return value{nil, intT()}, nil
	}
	return value{f(), intT()}, nil
}

func dataLength(v value) int64 {
	switch x := v.v.(type) {
	case string:
		if v.t.Type == sqltype.TypeNVarChar {
			return int64(2 * sqltype.TextLength(v.t.Type, x))
		}
		return int64(len(x))
	case []byte:
		return int64(len(x))
	case int64:
		return int64(map[sqltype.DataType]int{sqltype.TypeBigInt: 8, sqltype.TypeInt: 4, sqltype.TypeSmallInt: 2, sqltype.TypeTinyInt: 1}[v.t.Type])
	case [16]byte:
		return 16
	}
	return 8
}

// textFunc wraps a string-to-string function keeping the argument's type.
func textFunc(f func(string) string) builtin {
	return pure(1, func(a []value) (value, error) {
		t := textTypeOf(a[0])
		if a[0].v == nil {
			return value{nil, t}, nil
		}
		return value{f(toText(a[0], -1)), t}, nil
	})
}

// textTypeOf is the character type of a value: its own, or varchar(30)
// for a non-string converted implicitly.
func textTypeOf(v value) sqlType {
	if isString(v.t) {
		return v.t
	}
	return varchar(30)
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// substring is SUBSTRING(s, start, length) with 1-based start; a start
// before 1 shortens the result as SQL Server does.
func substring(s, start, length value) (value, error) {
	t := textTypeOf(s)
	if anyNull([]value{s, start, length}) {
		return value{nil, t}, nil
	}
	st, err := argInt(start)
	if err != nil {
		return value{}, err
	}
	n, err := argInt(length)
	if err != nil {
		return value{}, err
	}
	if n < 0 {
		return value{}, engine.Raise(40517, "SUBSTRING with a negative length")
	}
	rs := []rune(toText(s, -1))
	from, to := max(st, 1), min(st+n, int64(len(rs))+1)
	if from >= to || from > int64(len(rs)) {
		return value{"", t}, nil
	}
	return value{string(rs[from-1 : to-1]), t}, nil
}

func leftRight(a []value, left bool) (value, error) {
	t := textTypeOf(a[0])
	if anyNull(a) {
		return value{nil, t}, nil
	}
	n, err := argInt(a[1])
	if err != nil {
		return value{}, err
	}
	rs := []rune(toText(a[0], -1))
	n = min(max(n, 0), int64(len(rs)))
	if left {
		return value{string(rs[:n]), t}, nil
	}
	return value{string(rs[int64(len(rs))-n:]), t}, nil
}

// replaceFunc replaces every occurrence, case-insensitively as the
// default collation compares.
func replaceFunc(a []value) (value, error) {
	t := textTypeOf(a[0])
	t.Length = -1
	if anyNull(a) {
		return value{nil, t}, nil
	}
	s, from, to := toText(a[0], -1), toText(a[1], -1), toText(a[2], -1)
	if from == "" {
		return value{s, t}, nil
	}
	var b strings.Builder
	ls, lf := strings.ToLower(s), strings.ToLower(from)
	for {
		i := strings.Index(ls, lf)
		if i < 0 {
			b.WriteString(s)
			return value{b.String(), t}, nil
		}
		b.WriteString(s[:i])
		b.WriteString(to)
		s, ls = s[i+len(from):], ls[i+len(lf):]
	}
}

// charindex is CHARINDEX(find, s[, start]): a 1-based position or 0.
func charindex(a []value) (value, error) {
	if anyNull(a[:2]) {
		return value{nil, intT()}, nil
	}
	find, s := []rune(strings.ToLower(toText(a[0], -1))), []rune(strings.ToLower(toText(a[1], -1)))
	start := int64(1)
	if len(a) == 3 && a[2].v != nil {
		n, err := argInt(a[2])
		if err != nil {
			return value{}, err
		}
		start = max(n, 1)
	}
	if start > int64(len(s)) {
		return value{int64(0), intT()}, nil
	}
	i := strings.Index(string(s[start-1:]), string(find))
	if i < 0 || len(find) == 0 {
		return value{int64(0), intT()}, nil
	}
	return value{start + int64(utf8.RuneCountInString(string(s[start-1:])[:i])), intT()}, nil
}

// replicate is REPLICATE(s, n). As documented, the result is cut at 8,000
// bytes (4,000 characters for nvarchar) unless s is varchar(max) or
// nvarchar(max).
func replicate(a []value) (value, error) {
	t := textTypeOf(a[0])
	isMax := t.Length == -1
	t.Length = -1
	if anyNull(a) {
		return value{nil, t}, nil
	}
	n, err := argInt(a[1])
	if err != nil || n < 0 {
		return value{nil, t}, err
	}
	s := toText(a[0], -1)
	if !isMax {
		limit := sqlType{Type: t.Type, Length: 8000}
		if t.Type == sqltype.TypeNVarChar {
			limit.Length = 4000
		}
		n = min(n, int64(limit.Length/max(sqltype.TextLength(limit.Type, s), 1)+1))
		return value{sqltype.Truncate(limit.Type, strings.Repeat(s, int(n)), limit.Length), t}, nil
	}
	return value{strings.Repeat(s, int(n)), t}, nil
}

// concatFunc is CONCAT: NULL arguments count as empty strings.
func concatFunc(a []value) value {
	out := value{"", varchar(1)}
	for _, v := range a {
		s := value{toText(v, -1), textTypeOf(v)}
		if v.v == nil {
			s.v = ""
		}
		out = concat(out, s)
	}
	return out
}

// quotename delimits an identifier with [] (default), ' or ".
func quotename(a []value) (value, error) {
	t := nvarchar(258)
	if anyNull(a) {
		return value{nil, t}, nil
	}
	open, closing := "[", "]"
	if len(a) == 2 {
		switch toText(a[1], -1) {
		case "'":
			open, closing = "'", "'"
		case `"`:
			open, closing = `"`, `"`
		}
	}
	s := toText(a[0], -1)
	return value{open + strings.ReplaceAll(s, closing, closing+closing) + closing, t}, nil
}
