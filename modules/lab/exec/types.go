package exec

import (
	"strings"

	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// sqlType is the SQL type of a value: a sqltype.Column without meaning in its
// Name. Lengths count characters (bytes for varbinary); -1 is (max).
type sqlType = sqltype.Column

// value is a value with its SQL type. v holds the tds row Go types: nil,
// int64, bool, sqltype.Decimal, string, time.Time, [16]byte, []byte, float64.
type value struct {
	v any
	t sqlType
}

// Type shorthands (functions, so the package holds no mutable state).
func intT() sqlType      { return sqlType{Type: sqltype.TypeInt} }
func bigintT() sqlType   { return sqlType{Type: sqltype.TypeBigInt} }
func smallintT() sqlType { return sqlType{Type: sqltype.TypeSmallInt} }
func tinyintT() sqlType  { return sqlType{Type: sqltype.TypeTinyInt} }
func bitT() sqlType      { return sqlType{Type: sqltype.TypeBit} }
func floatT() sqlType    { return sqlType{Type: sqltype.TypeFloat} }
func dateTimeT() sqlType { return sqlType{Type: sqltype.TypeDateTime} }
func dt2T() sqlType      { return sqlType{Type: sqltype.TypeDateTime2, Precision: 27, Scale: 7} }
func dtoT() sqlType      { return sqlType{Type: sqltype.TypeDateTimeOffset, Precision: 34, Scale: 7} }
func guidT() sqlType     { return sqlType{Type: sqltype.TypeUniqueIdentifier} }
func variantT() sqlType  { return sqlType{Type: sqltype.TypeSQLVariant} }

// nvarchar returns nvarchar(n); n <= 0 or above 4000 is (max).
func nvarchar(n int) sqlType { return sqlType{Type: sqltype.TypeNVarChar, Length: capLen(n, 4000)} }

// varchar returns varchar(n); n <= 0 or above 8000 is (max).
func varchar(n int) sqlType { return sqlType{Type: sqltype.TypeVarChar, Length: capLen(n, 8000)} }

func capLen(n, limit int) int {
	if n < 0 || n > limit {
		return -1
	}
	return max(n, 1)
}

// decimalT returns decimal(p, s).
func decimalT(p, s int) sqlType {
	return sqlType{Type: sqltype.TypeDecimal, Precision: uint8(min(max(p, 1), 38)), Scale: uint8(min(max(s, 0), 38))}
}

// typeOfName maps a written data type to its sqlType. decl selects the
// DECLARE/column defaults (length 1) rather than the CAST default (30).
func typeOfName(n tsql.TypeName, castDefault bool) (sqlType, error) {
	length := n.Length
	if n.Params == 0 {
		length = 1
		if castDefault {
			length = 30
		}
	}
	switch strings.ToLower(n.Name) {
	case "int", "integer":
		return intT(), nil
	case "bigint":
		return bigintT(), nil
	case "smallint":
		return smallintT(), nil
	case "tinyint":
		return tinyintT(), nil
	case "bit":
		return bitT(), nil
	case "float", "real":
		return floatT(), nil
	case "decimal", "numeric", "dec":
		return decimalOf(n), nil
	case "money":
		return decimalT(19, 4), nil
	case "smallmoney":
		return decimalT(10, 4), nil
	case "nvarchar", "nchar", "ntext":
		return textType(sqltype.TypeNVarChar, n, length), nil
	case "varchar", "char", "text":
		return textType(sqltype.TypeVarChar, n, length), nil
	case "sysname":
		return nvarchar(128), nil
	case "varbinary", "binary", "image", "rowversion", "timestamp":
		return binaryType(n, length), nil
	case "datetime", "smalldatetime":
		return dateTimeT(), nil
	case "datetime2":
		return timeScale(n, dt2T()), nil
	case "datetimeoffset":
		return timeScale(n, dtoT()), nil
	case "date":
		return sqlType{Type: sqltype.TypeDate}, nil
	case "uniqueidentifier":
		return guidT(), nil
	case "sql_variant":
		return variantT(), nil
	}
	return sqlType{}, unsupported("data type " + n.Name)
}

func decimalOf(n tsql.TypeName) sqlType {
	if n.Params == 0 {
		return decimalT(18, 0)
	}
	return decimalT(n.Precision, n.Scale)
}

func textType(t sqltype.DataType, n tsql.TypeName, length int) sqlType {
	if strings.HasSuffix(strings.ToLower(n.Name), "text") {
		length = -1
	}
	return sqlType{Type: t, Length: length}
}

func binaryType(n tsql.TypeName, length int) sqlType {
	switch strings.ToLower(n.Name) {
	case "image":
		length = -1
	case "rowversion", "timestamp":
		length = 8
	}
	return sqlType{Type: sqltype.TypeVarBinary, Length: length}
}

// timeScale applies a written scale to a datetime2 or datetimeoffset type.
func timeScale(n tsql.TypeName, t sqlType) sqlType {
	if n.Params > 0 {
		t.Scale = uint8(min(max(n.Scale, 0), 7))
	}
	return t
}

// isString reports whether t is a character type.
func isString(t sqlType) bool { return t.Type == sqltype.TypeNVarChar || t.Type == sqltype.TypeVarChar }

// isInteger reports whether t is an exact integer type (bit excluded).
func isInteger(t sqlType) bool {
	switch t.Type {
	case sqltype.TypeInt, sqltype.TypeBigInt, sqltype.TypeSmallInt, sqltype.TypeTinyInt:
		return true
	}
	return false
}

// isNumeric reports whether t is a number type, bit included.
func isNumeric(t sqlType) bool {
	return isInteger(t) || t.Type == sqltype.TypeBit || t.Type == sqltype.TypeDecimal || t.Type == sqltype.TypeFloat
}

// isTime reports whether t is a date or time type.
func isTime(t sqlType) bool {
	switch t.Type {
	case sqltype.TypeDateTime, sqltype.TypeDateTime2, sqltype.TypeDateTimeOffset, sqltype.TypeDate:
		return true
	}
	return false
}

// precedence ranks types as SQL Server's data type precedence does: the
// higher wins an implicit conversion.
func precedence(t sqlType) int {
	return map[sqltype.DataType]int{sqltype.TypeSQLVariant: 21, sqltype.TypeDateTimeOffset: 20, sqltype.TypeDateTime2: 19, sqltype.TypeDateTime: 18,
		sqltype.TypeDate: 17, sqltype.TypeFloat: 16, sqltype.TypeDecimal: 15, sqltype.TypeBigInt: 14, sqltype.TypeInt: 13,
		sqltype.TypeSmallInt: 12, sqltype.TypeTinyInt: 11, sqltype.TypeBit: 10, sqltype.TypeUniqueIdentifier: 9,
		sqltype.TypeNVarChar: 8, sqltype.TypeVarChar: 7, sqltype.TypeVarBinary: 6}[t.Type]
}

// higher returns the type with the higher precedence.
func higher(a, b sqlType) sqlType {
	if precedence(b) > precedence(a) {
		return b
	}
	return a
}

// widen merges the types of two values of one result column.
func widen(a, b sqlType) sqlType {
	if a.Type == 0 {
		return b
	}
	if a.Type != b.Type {
		return higher(a, b)
	}
	switch {
	case isString(a) || a.Type == sqltype.TypeVarBinary:
		if a.Length == -1 || b.Length == -1 {
			a.Length = -1
		} else {
			a.Length = max(a.Length, b.Length)
		}
	case a.Type == sqltype.TypeDecimal:
		s := max(a.Scale, b.Scale)
		ip := max(int(a.Precision)-int(a.Scale), int(b.Precision)-int(b.Scale))
		return decimalT(ip+int(s), int(s))
	}
	return a
}

// typeName spells t as SQL Server messages do: "int", "varchar".
func typeName(t sqlType) string {
	return map[sqltype.DataType]string{sqltype.TypeInt: "int", sqltype.TypeBigInt: "bigint", sqltype.TypeSmallInt: "smallint",
		sqltype.TypeTinyInt: "tinyint", sqltype.TypeBit: "bit", sqltype.TypeDecimal: "numeric", sqltype.TypeNVarChar: "nvarchar",
		sqltype.TypeVarChar: "varchar", sqltype.TypeDateTime: "datetime", sqltype.TypeDateTime2: "datetime2",
		sqltype.TypeUniqueIdentifier: "uniqueidentifier", sqltype.TypeVarBinary: "varbinary", sqltype.TypeFloat: "float",
		sqltype.TypeSQLVariant: "sql_variant", sqltype.TypeDate: "date", sqltype.TypeDateTimeOffset: "datetimeoffset"}[t.Type]
}
