package engine

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/sqltype"
)

// writeTarget names what is being written, for the messages of 515, 8152
// and 2628.
type writeTarget struct {
	table      string // three-part name, as 515 prints it
	op         string // INSERT or UPDATE
	verboseTrc bool   // 2628 instead of 8152
}

// coerce converts v to the stored representation of column c, enforcing
// the type's range and length as SQL Server does on INSERT and UPDATE.
func coerce(c ColumnDef, v any, t writeTarget) (any, error) {
	if v == nil {
		if !c.Nullable {
			return nil, Raise(515, c.Name, t.table, t.op)
		}
		return nil, nil
	}
	v = normalizeInput(v)
	switch c.Type {
	case sqltype.TypeInt, sqltype.TypeBigInt, sqltype.TypeSmallInt, sqltype.TypeTinyInt:
		return toInteger(c, v)
	case sqltype.TypeBit:
		return toBit(v)
	case sqltype.TypeDecimal:
		return toDecimal(c, v)
	case sqltype.TypeFloat:
		return toFloat(v)
	case sqltype.TypeNVarChar, sqltype.TypeVarChar:
		return toText(c, v, t)
	case sqltype.TypeDateTime, sqltype.TypeDateTime2:
		return toTime(c, v)
	case sqltype.TypeDateTimeOffset:
		return toTimeOffset(c, v)
	case sqltype.TypeUniqueIdentifier:
		return toGUID(v)
	case sqltype.TypeVarBinary:
		return toBinary(c, v, t)
	}
	return v, nil
}

// normalizeInput maps the Go types callers commonly hold onto the row
// value types.
func normalizeInput(v any) any {
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
		return sqltype.Decimal{Unscaled: x}
	}
	return v
}

// sourceTypeName is the SQL type name of a Go value, for conversion messages.
func sourceTypeName(v any) string {
	switch v.(type) {
	case int64:
		return "int"
	case bool:
		return "bit"
	case sqltype.Decimal:
		return "numeric"
	case string:
		return "varchar"
	case time.Time:
		if isOffsetTime(v.(time.Time)) {
			return "datetimeoffset"
		}
		return "datetime"
	case [16]byte:
		return "uniqueidentifier"
	case []byte:
		return "varbinary"
	case float64:
		return "float"
	}
	return "sql_variant"
}

// integerRange returns the bounds of an integer type.
func integerRange(t sqltype.DataType) (lo, hi int64) {
	switch t {
	case sqltype.TypeTinyInt:
		return 0, 255
	case sqltype.TypeSmallInt:
		return math.MinInt16, math.MaxInt16
	case sqltype.TypeInt:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func toInteger(c ColumnDef, v any) (any, error) {
	overflow := Raise(8115, "expression", baseTypeName(c.Type))
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case bool:
		n = map[bool]int64{false: 0, true: 1}[x]
	case float64:
		if x >= math.MaxInt64 || x <= math.MinInt64 || math.IsNaN(x) {
			return nil, overflow
		}
		n = int64(x)
	case sqltype.Decimal:
		q := new(big.Int).Quo(x.Unscaled, pow10(int(x.Scale)))
		if !q.IsInt64() {
			return nil, overflow
		}
		n = q.Int64()
	case string:
		p, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return nil, Raise(245, "varchar", x, baseTypeName(c.Type))
		}
		n = p
	default:
		return nil, Raise(257, sourceTypeName(v), baseTypeName(c.Type))
	}
	if lo, hi := integerRange(c.Type); n < lo || n > hi {
		return nil, overflow
	}
	return n, nil
}

func toBit(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		return x != 0, nil
	case float64:
		return x != 0, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "1", "true":
			return true, nil
		case "0", "false":
			return false, nil
		}
		return nil, Raise(245, "varchar", x, "bit")
	}
	return nil, Raise(257, sourceTypeName(v), "bit")
}

func toFloat(v any) (any, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case bool:
		return map[bool]float64{false: 0, true: 1}[x], nil
	case sqltype.Decimal:
		f, _ := new(big.Rat).SetFrac(x.Unscaled, pow10(int(x.Scale))).Float64()
		return f, nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return nil, Raise(8114, "varchar", "float")
		}
		return f, nil
	}
	return nil, Raise(257, sourceTypeName(v), "float")
}

// pow10 returns 10^n.
func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }
