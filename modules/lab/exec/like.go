package exec

import (
	"regexp"
	"strings"

	"pcsh/modules/lab/tsql"
)

// like evaluates x [NOT] LIKE pattern [ESCAPE c], case-insensitively.
func (r *run) like(x *tsql.LikeExpr, sc *scope) (value, error) {
	v, err := r.eval(x.X, sc)
	if err != nil {
		return value{}, err
	}
	p, err := r.eval(x.Pattern, sc)
	if err != nil {
		return value{}, err
	}
	esc := ""
	if x.Escape != nil {
		e, err := r.eval(x.Escape, sc)
		if err != nil {
			return value{}, err
		}
		esc = toText(e, -1)
	}
	if v.v == nil || p.v == nil {
		return value{nil, bitT()}, nil
	}
	re, err := regexp.Compile(likeRegexp(toText(p, -1), esc))
	if err != nil {
		return boolVal(false), nil
	}
	return boolVal(re.MatchString(strings.TrimRight(toText(v, -1), " ")) != x.Not), nil
}

// likeRegexp translates a LIKE pattern: % any run, _ one character,
// [abc] and [^abc] sets, and the escape character.
func likeRegexp(pattern, esc string) string {
	var b strings.Builder
	b.WriteString("(?is)^")
	rs := []rune(strings.TrimRight(pattern, " "))
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case esc != "" && string(c) == esc && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		case c == '[':
			end := indexRune(rs, i+1, ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			b.WriteString(charClass(rs[i+1 : end]))
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(" *$")
	return b.String()
}

func indexRune(rs []rune, from int, c rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == c {
			return i
		}
	}
	return -1
}

// charClass renders a LIKE set as a regexp class.
func charClass(set []rune) string {
	var b strings.Builder
	b.WriteString("[")
	for i, c := range set {
		if i == 0 && c == '^' {
			b.WriteRune('^')
			continue
		}
		if c == '-' && i > 0 && i < len(set)-1 {
			b.WriteRune('-')
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(c)))
	}
	b.WriteString("]")
	return b.String()
}
