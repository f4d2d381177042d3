package agent

import (
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// Type is the declared type of a procedure parameter.
type Type int

// The parameter types the Agent and log shipping procedures declare.
const (
	TypeSysname Type = iota + 1 // nvarchar(128)
	TypeNVarChar
	TypeInt
	TypeTinyInt
	TypeBit
	TypeUniqueIdentifier
	TypeVarBinary
)

// name returns the T-SQL spelling used in conversion messages.
func (t Type) name() string {
	return [...]string{"", "nvarchar", "nvarchar", "int", "tinyint", "bit", "uniqueidentifier", "varbinary"}[t]
}

// wire returns the TDS type of an OUTPUT value.
func (t Type) wire() sqltype.DataType {
	switch t {
	case TypeInt:
		return sqltype.TypeInt
	case TypeTinyInt:
		return sqltype.TypeTinyInt
	case TypeBit:
		return sqltype.TypeBit
	case TypeUniqueIdentifier:
		return sqltype.TypeUniqueIdentifier
	case TypeVarBinary:
		return sqltype.TypeVarBinary
	}
	return sqltype.TypeNVarChar
}

// convert converts an argument value to t as SQL Server's implicit
// conversion does, raising 8114 or 8169 when it cannot.
func (t Type) convert(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case TypeSysname, TypeNVarChar:
		return toText(v), nil
	case TypeInt, TypeTinyInt:
		return toInt(v, t)
	case TypeBit:
		n, err := toInt(v, TypeInt)
		if err != nil {
			return nil, err
		}
		return n.(int64) != 0, nil
	case TypeUniqueIdentifier:
		return toGUID(v)
	}
	if b, ok := v.([]byte); ok {
		return b, nil
	}
	return nil, engine.Raise(8114, sourceType(v), t.name())
}

// toText renders a value as (n)varchar conversion does.
func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case [16]byte:
		return strings.ToUpper(uuid.UUID(x).String())
	case sqltype.Decimal:
		return decimalText(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.Format("Jan _2 2006  3:04PM")
	}
	return ""
}

// decimalText renders a decimal value.
func decimalText(d sqltype.Decimal) string {
	if d.Unscaled == nil {
		return "0"
	}
	r := new(big.Rat).SetFrac(d.Unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil))
	return r.FloatString(int(d.Scale))
}

// toInt converts to an integer type, checking tinyint's range.
func toInt(v any, t Type) (any, error) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case bool:
		if x {
			n = 1
		}
	case string:
		p, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return nil, engine.Raise(8114, "nvarchar", t.name())
		}
		n = p
	case sqltype.Decimal:
		f, _ := new(big.Rat).SetFrac(x.Unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(x.Scale)), nil)).Float64()
		n = int64(f)
	case float64:
		n = int64(x)
	default:
		return nil, engine.Raise(8114, sourceType(v), t.name())
	}
	if t == TypeTinyInt && (n < 0 || n > 255) || t == TypeInt && (n < -1<<31 || n > 1<<31-1) {
		return nil, engine.Raise(8115, "expression", t.name())
	}
	return n, nil
}

// toGUID converts a uniqueidentifier or its character form.
func toGUID(v any) (any, error) {
	switch x := v.(type) {
	case [16]byte:
		return x, nil
	case string:
		u, err := uuid.Parse(strings.Trim(strings.TrimSpace(x), "{}"))
		if err != nil {
			return nil, engine.Raise(8169)
		}
		return [16]byte(u), nil
	}
	return nil, engine.Raise(8114, sourceType(v), "uniqueidentifier")
}

// sourceType names the type of an argument value for 8114.
func sourceType(v any) string {
	switch v.(type) {
	case int64:
		return "int"
	case bool:
		return "bit"
	case [16]byte:
		return "uniqueidentifier"
	case sqltype.Decimal:
		return "numeric"
	case float64:
		return "float"
	case time.Time:
		return "datetime"
	case []byte:
		return "varbinary"
	}
	return "nvarchar"
}
