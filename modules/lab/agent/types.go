package agent

import (
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
func decimalText(d sqltype.Decimal) string { return d.Rat().FloatString(int(d.Scale)) }

// toInt converts to an integer type through sqltype's conversion: 8115
// when the value is out of t's range, 8114 when it is not a number.
func toInt(v any, t Type) (any, error) {
	n, f := sqltype.ToInteger(v, t.wire())
	switch f {
	case sqltype.Converted:
		return n, nil
	case sqltype.Overflow:
		return nil, engine.Raise(8115, "expression", t.name())
	case sqltype.Malformed:
		return nil, engine.Raise(8114, "nvarchar", t.name())
	}
	return nil, engine.Raise(8114, sourceType(v), t.name())
}

// toGUID converts a uniqueidentifier, binary(16) or the character form:
// 8169 when the characters are not a GUID.
func toGUID(v any) (any, error) {
	g, f := sqltype.ToGUID(v)
	switch f {
	case sqltype.Converted:
		return g, nil
	case sqltype.Malformed:
		return nil, engine.Raise(8169)
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
