package exec

import (
	"math"
	"math/big"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// arith applies an arithmetic or bitwise operator. + on two strings
// concatenates; NULL in gives NULL out.
func arith(op string, a, b value) (value, error) {
	t := higher(a.t, b.t)
	if op == "+" && isString(a.t) && isString(b.t) {
		return concat(a, b), nil
	}
	if a.v == nil || b.v == nil {
		return value{nil, t}, nil
	}
	if isTime(t) {
		return timeArith(op, a, b, t)
	}
	if !isNumeric(t) {
		return value{}, engine.Raise(8117, typeName(t), opName(op))
	}
	if t.Type == sqltype.TypeBit {
		t = intT()
	}
	ca, err := convert(a, t, -1)
	if err != nil {
		return value{}, err
	}
	cb, err := convert(b, t, -1)
	if err != nil {
		return value{}, err
	}
	switch t.Type {
	case sqltype.TypeFloat:
		return floatArith(op, ca.v.(float64), cb.v.(float64))
	case sqltype.TypeDecimal:
		return decimalArith(op, ca, cb)
	}
	return intArith(op, ca.v.(int64), cb.v.(int64), t)
}

// opName names an operator in 8117.
func opName(op string) string {
	return map[string]string{"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "modulo",
		"&": "boolean AND", "|": "boolean OR", "^": "boolean XOR"}[op]
}

// concat joins two strings; the result is nvarchar if either is.
func concat(a, b value) value {
	t := varchar(0)
	if a.t.Type == sqltype.TypeNVarChar || b.t.Type == sqltype.TypeNVarChar {
		t.Type = sqltype.TypeNVarChar
	}
	t.Length = sumLen(a.t.Length, b.t.Length)
	if t.Length > 0 {
		t = sqlType{Type: t.Type, Length: capLen(t.Length, map[bool]int{true: 4000, false: 8000}[t.Type == sqltype.TypeNVarChar])}
	}
	if a.v == nil || b.v == nil {
		return value{nil, t}
	}
	return value{a.v.(string) + b.v.(string), t}
}

func sumLen(a, b int) int {
	if a <= 0 || b <= 0 {
		return -1
	}
	return a + b
}

func intArith(op string, x, y int64, t sqlType) (value, error) {
	var r int64
	switch op {
	case "+":
		r = x + y
		if (r > x) != (y > 0) {
			return value{}, overflow(t)
		}
	case "-":
		r = x - y
		if (r < x) != (y > 0) {
			return value{}, overflow(t)
		}
	case "*":
		if x != 0 && (x*y)/x != y {
			return value{}, overflow(t)
		}
		r = x * y
	case "/", "%":
		if y == 0 {
			return value{}, engine.Raise(8134)
		}
		r = map[bool]int64{true: x / y, false: x % y}[op == "/"]
	case "&":
		r = x & y
	case "|":
		r = x | y
	case "^":
		r = x ^ y
	}
	if lo, hi := sqltype.IntegerRange(t.Type); r < lo || r > hi {
		return value{}, overflow(t)
	}
	return value{r, t}, nil
}

func floatArith(op string, x, y float64) (value, error) {
	var r float64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/", "%":
		if y == 0 {
			return value{}, engine.Raise(8134)
		}
		r = map[bool]float64{true: x / y, false: math.Mod(x, y)}[op == "/"]
	default:
		return value{}, engine.Raise(8117, "float", opName(op))
	}
	return value{r, floatT()}, nil
}

// decimalArith computes exactly and keeps SQL Server's result scale:
// max for + and -, the sum for *, at least 6 digits for /.
func decimalArith(op string, a, b value) (value, error) {
	x, y := a.v.(sqltype.Decimal).Rat(), b.v.(sqltype.Decimal).Rat()
	s1, s2 := int(a.t.Scale), int(b.t.Scale)
	p1, p2 := int(a.t.Precision), int(b.t.Precision)
	r := new(big.Rat)
	var t sqlType
	switch op {
	case "+", "-":
		s := max(s1, s2)
		t = decimalT(max(p1-s1, p2-s2)+s+1, s)
		r = map[bool]*big.Rat{true: r.Add(x, y), false: new(big.Rat).Sub(x, y)}[op == "+"]
	case "*":
		t = decimalT(p1+p2+1, s1+s2)
		r.Mul(x, y)
	case "/", "%":
		if y.Sign() == 0 {
			return value{}, engine.Raise(8134)
		}
		s := max(6, s1+p2+1)
		t = decimalT(p1-s1+s2+s, s)
		if op == "%" {
			q := new(big.Int).Quo(new(big.Int).Mul(x.Num(), y.Denom()), new(big.Int).Mul(x.Denom(), y.Num()))
			r.Sub(x, new(big.Rat).Mul(y, new(big.Rat).SetInt(q)))
			t = decimalT(max(p1, p2), max(s1, s2))
		} else {
			r.Quo(x, y)
		}
	default:
		return value{}, engine.Raise(8117, "numeric", opName(op))
	}
	d, err := ratDecimal(r, t)
	return value{d, t}, err
}

// timeArith adds or subtracts days (a number) to a date/time value.
func timeArith(op string, a, b value, t sqlType) (value, error) {
	if op != "+" && op != "-" {
		return value{}, engine.Raise(8117, typeName(t), opName(op))
	}
	tm, other := a, b
	if !isTime(a.t) {
		tm, other = b, a
	}
	if s, ok := b.v.(time.Time); ok && isTime(a.t) {
		if op == "+" {
			return value{}, engine.Raise(8117, typeName(t), opName(op))
		}
		diff := a.v.(time.Time).Sub(s)
		return value{roundTime(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Add(diff), dateTimeT()), dateTimeT()}, nil
	}
	base := tm.v.(time.Time)
	days, err := toFloat(other)
	if err != nil {
		return value{}, err
	}
	if op == "-" {
		days = -days.(float64)
	}
	d := time.Duration(days.(float64) * float64(24*time.Hour))
	return value{roundTime(base.Add(d), tm.t), tm.t}, nil
}

// negate applies unary minus.
func negate(v value) (value, error) {
	switch x := v.v.(type) {
	case nil:
		return v, nil
	case int64:
		if lo, _ := sqltype.IntegerRange(v.t.Type); x == lo {
			return value{}, overflow(v.t)
		}
		return value{-x, v.t}, nil
	case float64:
		return value{-x, v.t}, nil
	case sqltype.Decimal:
		return value{sqltype.Decimal{Unscaled: new(big.Int).Neg(x.Unscaled), Scale: x.Scale}, v.t}, nil
	}
	return value{}, engine.Raise(8114, typeName(v.t), "numeric")
}
