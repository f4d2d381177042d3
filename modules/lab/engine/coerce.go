package engine

import (
	"time"

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
	v = sqltype.Normalize(v)
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

// failed is the error of a failed implicit conversion of v to target:
// 257 when no conversion exists, bad otherwise.
func failed(fail sqltype.Failure, v any, target string, bad func() error) error {
	if fail == sqltype.NotAllowed {
		return Raise(257, sourceTypeName(v), target)
	}
	return bad()
}

func toInteger(c ColumnDef, v any) (any, error) {
	n, fail := sqltype.ToInteger(v, c.Type)
	switch fail {
	case sqltype.Converted:
		return n, nil
	case sqltype.Overflow:
		return nil, Raise(8115, "expression", baseTypeName(c.Type))
	}
	return nil, failed(fail, v, baseTypeName(c.Type), func() error {
		return Raise(245, "varchar", v, baseTypeName(c.Type))
	})
}

func toBit(v any) (any, error) {
	b, fail := sqltype.ToBit(v)
	if fail == sqltype.Converted {
		return b, nil
	}
	return nil, failed(fail, v, "bit", func() error { return Raise(245, "varchar", v, "bit") })
}

func toFloat(v any) (any, error) {
	f, fail := sqltype.ToFloat(v)
	if fail == sqltype.Converted {
		return f, nil
	}
	return nil, failed(fail, v, "float", func() error { return Raise(8114, "varchar", "float") })
}
