package exec

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// convert casts v to type t as CAST does (style -1) or CONVERT with a
// style. Strings are silently truncated to t's length, as CAST does.
func convert(v value, t sqlType, style int) (value, error) {
	if v.v == nil {
		return value{nil, t}, nil
	}
	out, err := convertRaw(v, t, style)
	if err != nil {
		return value{}, err
	}
	return value{out, t}, nil
}

func convertRaw(v value, t sqlType, style int) (any, error) {
	switch {
	case isInteger(t):
		return toInt(v, t)
	case t.Type == sqltype.TypeBit:
		return toBit(v)
	case t.Type == sqltype.TypeFloat:
		return toFloat(v)
	case t.Type == sqltype.TypeDecimal:
		return toDecimal(v, t)
	case isString(t):
		return truncate(toText(v, style), t), nil
	case isTime(t):
		return toTime(v, t)
	case t.Type == sqltype.TypeUniqueIdentifier:
		return toGUID(v)
	case t.Type == sqltype.TypeVarBinary:
		return toBinary(v, t)
	}
	return v.v, nil
}

// conversionFailed is 245 for a string that is not a number, or 8114.
func conversionFailed(v value, t sqlType) error {
	if s, ok := v.v.(string); ok {
		return engine.Raise(245, typeName(v.t), s, typeName(t))
	}
	return engine.Raise(8114, typeName(v.t), typeName(t))
}

// overflow is 8115 converting to t.
func overflow(t sqlType) error { return engine.Raise(8115, "expression", typeName(t)) }

// intRange returns the bounds of an integer type.
func intRange(t sqlType) (int64, int64) {
	switch t.Type {
	case sqltype.TypeTinyInt:
		return 0, 255
	case sqltype.TypeSmallInt:
		return math.MinInt16, math.MaxInt16
	case sqltype.TypeInt:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func toInt(v value, t sqlType) (any, error) {
	var n int64
	switch x := v.v.(type) {
	case int64:
		n = x
	case bool:
		n = b2i(x)
	case float64:
		if math.IsNaN(x) || x >= 9.3e18 || x <= -9.3e18 {
			return nil, overflow(t)
		}
		n = int64(x)
	case sqltype.Decimal:
		r := decimalRat(x)
		q := new(big.Int).Quo(r.Num(), r.Denom())
		if !q.IsInt64() {
			return nil, overflow(t)
		}
		n = q.Int64()
	case string:
		p, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return nil, conversionFailed(v, t)
		}
		n = p
	default:
		return nil, conversionFailed(v, t)
	}
	lo, hi := intRange(t)
	if n < lo || n > hi {
		return nil, overflow(t)
	}
	return n, nil
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func toBit(v value) (any, error) {
	switch x := v.v.(type) {
	case bool:
		return x, nil
	case string:
		switch strings.ToUpper(strings.TrimSpace(x)) {
		case "TRUE", "1":
			return true, nil
		case "FALSE", "0":
			return false, nil
		}
		return nil, conversionFailed(v, bitT())
	}
	f, err := toFloat(v)
	if err != nil {
		return nil, err
	}
	return f.(float64) != 0, nil
}

func toFloat(v value) (any, error) {
	switch x := v.v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case bool:
		return float64(b2i(x)), nil
	case sqltype.Decimal:
		f, _ := decimalRat(x).Float64()
		return f, nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return nil, conversionFailed(v, floatT())
		}
		return f, nil
	}
	return nil, conversionFailed(v, floatT())
}

// decimalRat returns the exact value of a decimal.
func decimalRat(d sqltype.Decimal) *big.Rat {
	n := d.Unscaled
	if n == nil {
		n = new(big.Int)
	}
	return new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil))
}

// ratOf reads any numeric value exactly.
func ratOf(v value) (*big.Rat, error) {
	switch x := v.v.(type) {
	case sqltype.Decimal:
		return decimalRat(x), nil
	case int64:
		return new(big.Rat).SetInt64(x), nil
	case bool:
		return new(big.Rat).SetInt64(b2i(x)), nil
	case float64:
		if r := new(big.Rat).SetFloat64(x); r != nil {
			return r, nil
		}
		return nil, overflow(decimalT(38, 0))
	case string:
		if r, ok := new(big.Rat).SetString(strings.TrimSpace(x)); ok {
			return r, nil
		}
	}
	return nil, conversionFailed(v, decimalT(18, 0))
}

// ratDecimal rounds r half away from zero to scale digits.
func ratDecimal(r *big.Rat, t sqlType) (sqltype.Decimal, error) {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(t.Scale)), nil)))
	num, den := new(big.Int).Set(scaled.Num()), scaled.Denom()
	neg := num.Sign() < 0
	q, m := new(big.Int).QuoRem(num.Abs(num), den, new(big.Int))
	if new(big.Int).Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if len(q.String()) > int(max(t.Precision, 1))+b2iInt(neg) {
		return sqltype.Decimal{}, overflow(t)
	}
	return sqltype.Decimal{Unscaled: q, Scale: t.Scale}, nil
}

func b2iInt(b bool) int { return int(b2i(b)) }

func toDecimal(v value, t sqlType) (any, error) {
	r, err := ratOf(v)
	if err != nil {
		if _, ok := v.v.(string); ok {
			return nil, engine.Raise(8114, typeName(v.t), "numeric")
		}
		return nil, err
	}
	return ratDecimal(r, t)
}

// truncate cuts s to t's length, in UTF-16 units for nvarchar.
func truncate(s string, t sqlType) string {
	if t.Length <= 0 || len(s) <= t.Length {
		return s // a string never has more UTF-16 units or runes than bytes
	}
	if t.Type == sqltype.TypeNVarChar {
		u := utf16.Encode([]rune(s))
		if len(u) > t.Length {
			return string(utf16.Decode(u[:t.Length]))
		}
		return s
	}
	if r := []rune(s); len(r) > t.Length {
		return string(r[:t.Length])
	}
	return s
}

// textLen is the length of s in the units of t.
func textLen(s string, t sqlType) int {
	n := 0
	for _, r := range s {
		n++
		if t.Type == sqltype.TypeNVarChar && utf16.RuneLen(r) == 2 {
			n++ // a surrogate pair
		}
	}
	return n
}

// toText renders a value as CAST/CONVERT to a character type does.
func toText(v value, style int) string {
	switch x := v.v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatInt(b2i(x), 10)
	case float64:
		return formatFloat(x)
	case sqltype.Decimal:
		return decimalRat(x).FloatString(int(x.Scale))
	case time.Time:
		return formatTime(x, v.t, style)
	case [16]byte:
		return strings.ToUpper(uuid.UUID(x).String())
	case []byte:
		return string(x)
	}
	return ""
}

// formatFloat renders a float as SQL Server's default style: up to six
// significant digits, scientific notation for large and small values.
func formatFloat(f float64) string {
	a := math.Abs(f)
	if a != 0 && (a >= 1e6 || a < 1e-4) {
		s := strconv.FormatFloat(f, 'e', 5, 64)
		mant, exp, _ := strings.Cut(s, "e")
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		return mant + "e" + exp[:1] + strings.Repeat("0", max(0, 4-len(exp))) + exp[1:]
	}
	return strconv.FormatFloat(f, 'g', 6, 64)
}

func toGUID(v value) (any, error) {
	switch x := v.v.(type) {
	case [16]byte:
		return x, nil
	case string:
		g, err := uuid.Parse(strings.Trim(strings.TrimSpace(x), "{}"))
		if err != nil {
			return nil, engine.Raise(8169)
		}
		return [16]byte(g), nil
	case []byte:
		if len(x) == 16 {
			return [16]byte(x), nil
		}
	}
	return nil, conversionFailed(v, guidT())
}

func toBinary(v value, t sqlType) (any, error) {
	var b []byte
	switch x := v.v.(type) {
	case []byte:
		b = x
	case string:
		b = []byte(x)
	case [16]byte:
		b = x[:]
	case int64:
		b = big.NewInt(x).Bytes()
	default:
		return nil, conversionFailed(v, t)
	}
	if t.Length > 0 && len(b) > t.Length {
		b = b[:t.Length]
	}
	return append([]byte(nil), b...), nil
}
