package exec

import (
	"bytes"
	"strings"
	"time"

	"pcsh/modules/lab/sqltype"
)

// compare orders two non-NULL values after converting them to the type
// with the higher precedence. Strings compare case-insensitively and
// ignore trailing spaces, as SQL_Latin1_General_CP1_CI_AS does.
func compare(a, b value) (int, error) {
	t := higher(a.t, b.t)
	if isString(t) && isString(a.t) != isString(b.t) {
		t = a.t // a string and a non-string: the non-string wins
		if isString(a.t) {
			t = b.t
		}
	}
	ca, err := convert(a, t, -1)
	if err != nil {
		return 0, err
	}
	cb, err := convert(b, t, -1)
	if err != nil {
		return 0, err
	}
	return compareSame(ca.v, cb.v), nil
}

// compareSame orders two values of the same Go type.
func compareSame(a, b any) int {
	switch x := a.(type) {
	case int64:
		return cmp3(x < b.(int64), x > b.(int64))
	case float64:
		return cmp3(x < b.(float64), x > b.(float64))
	case bool:
		return cmp3(!x && b.(bool), x && !b.(bool))
	case sqltype.Decimal:
		return x.Rat().Cmp(b.(sqltype.Decimal).Rat())
	case string:
		return strings.Compare(foldText(x), foldText(b.(string)))
	case time.Time:
		return x.Compare(b.(time.Time))
	case [16]byte:
		y := b.([16]byte)
		return bytes.Compare(x[:], y[:])
	case []byte:
		return bytes.Compare(x, b.([]byte))
	}
	return 0
}

func cmp3(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}

// foldText is the comparison key of a string: case-folded, trailing
// spaces removed.
func foldText(s string) string { return strings.ToLower(strings.TrimRight(s, " ")) }

// compareOp applies a comparison operator; NULL operands give unknown
// (nil).
func compareOp(op string, a, b value) (any, error) {
	if a.v == nil || b.v == nil {
		return nil, nil
	}
	c, err := compare(a, b)
	if err != nil {
		return nil, err
	}
	switch op {
	case "=":
		return c == 0, nil
	case "<>", "!=":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=", "!>":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	}
	return c >= 0, nil // ">=", "!<"
}

// orderCompare orders values for ORDER BY and DISTINCT: NULL first,
// conversion failures as equal.
func orderCompare(a, b value) int {
	switch {
	case a.v == nil && b.v == nil:
		return 0
	case a.v == nil:
		return -1
	case b.v == nil:
		return 1
	}
	c, err := compare(a, b)
	if err != nil {
		return 0
	}
	return c
}

// truth reads a predicate result: only true is true.
func truth(v any) bool {
	b, ok := v.(bool)
	return ok && b
}
