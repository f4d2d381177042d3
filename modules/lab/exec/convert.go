package exec

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

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
		return sqltype.Truncate(t.Type, toText(v, style), t.Length), nil
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

func toInt(v value, t sqlType) (any, error) {
	n, fail := sqltype.ToInteger(v.v, t.Type)
	switch fail {
	case sqltype.Converted:
		return n, nil
	case sqltype.Overflow:
		return nil, overflow(t)
	}
	return nil, conversionFailed(v, t)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func toBit(v value) (any, error) {
	b, fail := sqltype.ToBit(v.v)
	switch fail {
	case sqltype.Converted:
		return b, nil
	case sqltype.Malformed:
		return nil, conversionFailed(v, bitT())
	}
	return nil, conversionFailed(v, floatT())
}

func toFloat(v value) (any, error) {
	f, fail := sqltype.ToFloat(v.v)
	if fail != sqltype.Converted {
		return nil, conversionFailed(v, floatT())
	}
	return f, nil
}

// ratOf reads any numeric value exactly.
func ratOf(v value) (*big.Rat, error) {
	r, fail := sqltype.Exact(v.v)
	switch fail {
	case sqltype.Converted:
		return r, nil
	case sqltype.Overflow:
		return nil, overflow(decimalT(38, 0))
	}
	return nil, conversionFailed(v, decimalT(18, 0))
}

// ratDecimal rounds r half away from zero to t's scale.
func ratDecimal(r *big.Rat, t sqlType) (sqltype.Decimal, error) {
	d, fail := sqltype.RoundDecimal(r, t.Precision, t.Scale)
	if fail != sqltype.Converted {
		return sqltype.Decimal{}, overflow(t)
	}
	return d, nil
}

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
		return x.Rat().FloatString(int(x.Scale))
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
	g, fail := sqltype.ToGUID(v.v)
	switch fail {
	case sqltype.Converted:
		return g, nil
	case sqltype.Malformed:
		return nil, engine.Raise(8169)
	}
	return nil, conversionFailed(v, guidT())
}

func toBinary(v value, t sqlType) (any, error) {
	b, fail := sqltype.ToBinary(v.v, sqltype.Explicit)
	if fail != sqltype.Converted {
		return nil, conversionFailed(v, t)
	}
	if t.Length > 0 && len(b) > t.Length {
		b = b[:t.Length]
	}
	return b, nil
}
