package sqltype

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/google/uuid"
)

// Normalize maps the Go types callers commonly hold (other integer
// widths, float32, uuid.UUID, *big.Int) onto the value types.
func Normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	case uuid.UUID:
		return [16]byte(x)
	case *big.Int:
		return Decimal{Unscaled: x}
	}
	return v
}

// IntegerRange returns the bounds of an integer type (bigint for any
// other type).
func IntegerRange(t DataType) (lo, hi int64) {
	switch t {
	case TypeTinyInt:
		return 0, 255
	case TypeSmallInt:
		return math.MinInt16, math.MaxInt16
	case TypeInt:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// ToInteger converts v to integer type t: a float or decimal loses its
// fraction (towards zero), a string must read as a whole number.
func ToInteger(v any, t DataType) (int64, Failure) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case bool:
		n = boolInt(x)
	case float64:
		if math.IsNaN(x) || x >= math.MaxInt64 || x <= math.MinInt64 {
			return 0, Overflow
		}
		n = int64(x)
	case Decimal:
		r := x.Rat()
		q := new(big.Int).Quo(r.Num(), r.Denom())
		if !q.IsInt64() {
			return 0, Overflow
		}
		n = q.Int64()
	case string:
		p, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return 0, Malformed
		}
		n = p
	default:
		return 0, NotAllowed
	}
	if lo, hi := IntegerRange(t); n < lo || n > hi {
		return 0, Overflow
	}
	return n, Converted
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// ToBit converts v to bit: a number is 1 unless it is zero; a string is
// 1, 0, TRUE or FALSE in any case.
func ToBit(v any) (bool, Failure) {
	if s, ok := v.(string); ok {
		switch strings.ToUpper(strings.TrimSpace(s)) {
		case "TRUE", "1":
			return true, Converted
		case "FALSE", "0":
			return false, Converted
		}
		return false, Malformed
	}
	if b, ok := v.(bool); ok {
		return b, Converted
	}
	f, fail := ToFloat(v)
	return f != 0, fail
}

// ToFloat converts v to float.
func ToFloat(v any) (float64, Failure) {
	switch x := v.(type) {
	case float64:
		return x, Converted
	case int64:
		return float64(x), Converted
	case bool:
		return float64(boolInt(x)), Converted
	case Decimal:
		f, _ := x.Rat().Float64()
		return f, Converted
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, Malformed
		}
		return f, Converted
	}
	return 0, NotAllowed
}

// Rat returns d's exact value; a nil Unscaled is zero.
func (d Decimal) Rat() *big.Rat {
	n := d.Unscaled
	if n == nil {
		n = new(big.Int)
	}
	return new(big.Rat).SetFrac(n, pow10(d.Scale))
}

// pow10 returns 10^n.
func pow10(n uint8) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// Exact reads a numeric value (decimal, integer, bit, float or a numeric
// string) exactly; an infinite or NaN float overflows.
func Exact(v any) (*big.Rat, Failure) {
	switch x := v.(type) {
	case Decimal:
		return x.Rat(), Converted
	case int64:
		return new(big.Rat).SetInt64(x), Converted
	case bool:
		return new(big.Rat).SetInt64(boolInt(x)), Converted
	case float64:
		if r := new(big.Rat).SetFloat64(x); r != nil {
			return r, Converted
		}
		return nil, Overflow
	case string:
		if r, ok := new(big.Rat).SetString(strings.TrimSpace(x)); ok {
			return r, Converted
		}
		return nil, Malformed
	}
	return nil, NotAllowed
}

// RoundDecimal rounds r half away from zero to scale digits, as SQL
// Server does, and overflows when the result needs more than precision
// digits.
func RoundDecimal(r *big.Rat, precision, scale uint8) (Decimal, Failure) {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10(scale)))
	num, den := new(big.Int).Set(scaled.Num()), scaled.Denom()
	neg := num.Sign() < 0
	q, m := new(big.Int).QuoRem(num.Abs(num), den, new(big.Int))
	if new(big.Int).Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if len(q.String()) > int(max(precision, 1)) {
		return Decimal{}, Overflow
	}
	if neg {
		q.Neg(q)
	}
	return Decimal{Unscaled: q, Scale: scale}, Converted
}

// ToDecimal converts v to decimal(precision, scale).
func ToDecimal(v any, precision, scale uint8) (Decimal, Failure) {
	r, fail := Exact(v)
	if fail != Converted {
		return Decimal{}, fail
	}
	return RoundDecimal(r, precision, scale)
}

// ToGUID converts v to uniqueidentifier: a string in the 36-character
// form (braces allowed) or 16 bytes.
func ToGUID(v any) ([16]byte, Failure) {
	switch x := v.(type) {
	case [16]byte:
		return x, Converted
	case string:
		g, err := uuid.Parse(strings.Trim(strings.TrimSpace(x), "{}"))
		if err != nil {
			return [16]byte{}, Malformed
		}
		return [16]byte(g), Converted
	case []byte:
		if len(x) == 16 {
			return [16]byte(x), Converted
		}
	}
	return [16]byte{}, NotAllowed
}

// ToBinary converts v to a copy of its bytes: binary and uniqueidentifier
// values always, character data and integers (big-endian, without leading
// zeros) only explicitly.
func ToBinary(v any, m Mode) ([]byte, Failure) {
	var b []byte
	switch x := v.(type) {
	case []byte:
		b = x
	case [16]byte:
		b = x[:]
	case string:
		if m != Explicit {
			return nil, NotAllowed
		}
		b = []byte(x)
	case int64:
		if m != Explicit {
			return nil, NotAllowed
		}
		b = big.NewInt(x).Bytes()
	default:
		return nil, NotAllowed
	}
	return append([]byte(nil), b...), Converted
}

// TextLength measures s in the unit of type t's length: UTF-16 code
// units for nvarchar, characters otherwise.
func TextLength(t DataType, s string) int {
	n := 0
	for _, r := range s {
		n++
		if t == TypeNVarChar && utf16.RuneLen(r) == 2 {
			n++ // a surrogate pair
		}
	}
	return n
}

// Truncate keeps the first n units of s (see TextLength); n <= 0 keeps
// all of it.
func Truncate(t DataType, s string, n int) string {
	if n <= 0 || len(s) <= n {
		return s // a string never has more UTF-16 units or runes than bytes
	}
	if t == TypeNVarChar {
		if u := utf16.Encode([]rune(s)); len(u) > n {
			return string(utf16.Decode(u[:n]))
		}
		return s
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
