package exec

import (
	"strings"

	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// sqlType is the SQL type of a value: a tds.Column without meaning in its
// Name. Lengths count characters (bytes for varbinary); -1 is (max).
type sqlType = tds.Column

// value is a value with its SQL type. v holds the tds row Go types: nil,
// int64, bool, tds.Decimal, string, time.Time, [16]byte, []byte, float64.
type value struct {
	v any
	t sqlType
}

// Type shorthands (functions, so the package holds no mutable state).
func intT() sqlType      { return sqlType{Type: tds.TypeInt} }
func bigintT() sqlType   { return sqlType{Type: tds.TypeBigInt} }
func smallintT() sqlType { return sqlType{Type: tds.TypeSmallInt} }
func tinyintT() sqlType  { return sqlType{Type: tds.TypeTinyInt} }
func bitT() sqlType      { return sqlType{Type: tds.TypeBit} }
func floatT() sqlType    { return sqlType{Type: tds.TypeFloat} }
func dateTimeT() sqlType { return sqlType{Type: tds.TypeDateTime} }
func dt2T() sqlType      { return sqlType{Type: tds.TypeDateTime2, Precision: 27, Scale: 7} }
func dtoT() sqlType      { return sqlType{Type: tds.TypeDateTimeOffset, Precision: 34, Scale: 7} }
func guidT() sqlType     { return sqlType{Type: tds.TypeUniqueIdentifier} }
func variantT() sqlType  { return sqlType{Type: tds.TypeSQLVariant} }

// nvarchar returns nvarchar(n); n <= 0 or above 4000 is (max).
func nvarchar(n int) sqlType { return sqlType{Type: tds.TypeNVarChar, Length: capLen(n, 4000)} }

// varchar returns varchar(n); n <= 0 or above 8000 is (max).
func varchar(n int) sqlType { return sqlType{Type: tds.TypeVarChar, Length: capLen(n, 8000)} }

func capLen(n, limit int) int {
	if n < 0 || n > limit {
		return -1
	}
	return max(n, 1)
}

// decimalT returns decimal(p, s).
func decimalT(p, s int) sqlType {
	return sqlType{Type: tds.TypeDecimal, Precision: uint8(min(max(p, 1), 38)), Scale: uint8(min(max(s, 0), 38))}
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
		return textType(tds.TypeNVarChar, n, length), nil
	case "varchar", "char", "text":
		return textType(tds.TypeVarChar, n, length), nil
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
		return sqlType{Type: tds.TypeDate}, nil
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

func textType(t tds.DataType, n tsql.TypeName, length int) sqlType {
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
	return sqlType{Type: tds.TypeVarBinary, Length: length}
}

// timeScale applies a written scale to a datetime2 or datetimeoffset type.
func timeScale(n tsql.TypeName, t sqlType) sqlType {
	if n.Params > 0 {
		t.Scale = uint8(min(max(n.Scale, 0), 7))
	}
	return t
}

// isString reports whether t is a character type.
func isString(t sqlType) bool { return t.Type == tds.TypeNVarChar || t.Type == tds.TypeVarChar }

// isInteger reports whether t is an exact integer type (bit excluded).
func isInteger(t sqlType) bool {
	switch t.Type {
	case tds.TypeInt, tds.TypeBigInt, tds.TypeSmallInt, tds.TypeTinyInt:
		return true
	}
	return false
}

// isNumeric reports whether t is a number type, bit included.
func isNumeric(t sqlType) bool {
	return isInteger(t) || t.Type == tds.TypeBit || t.Type == tds.TypeDecimal || t.Type == tds.TypeFloat
}

// isTime reports whether t is a date or time type.
func isTime(t sqlType) bool {
	switch t.Type {
	case tds.TypeDateTime, tds.TypeDateTime2, tds.TypeDateTimeOffset, tds.TypeDate:
		return true
	}
	return false
}

// precedence ranks types as SQL Server's data type precedence does: the
// higher wins an implicit conversion.
func precedence(t sqlType) int {
	return map[tds.DataType]int{tds.TypeSQLVariant: 21, tds.TypeDateTimeOffset: 20, tds.TypeDateTime2: 19, tds.TypeDateTime: 18,
		tds.TypeDate: 17, tds.TypeFloat: 16, tds.TypeDecimal: 15, tds.TypeBigInt: 14, tds.TypeInt: 13,
		tds.TypeSmallInt: 12, tds.TypeTinyInt: 11, tds.TypeBit: 10, tds.TypeUniqueIdentifier: 9,
		tds.TypeNVarChar: 8, tds.TypeVarChar: 7, tds.TypeVarBinary: 6}[t.Type]
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
	case isString(a) || a.Type == tds.TypeVarBinary:
		if a.Length == -1 || b.Length == -1 {
			a.Length = -1
		} else {
			a.Length = max(a.Length, b.Length)
		}
	case a.Type == tds.TypeDecimal:
		s := max(a.Scale, b.Scale)
		ip := max(int(a.Precision)-int(a.Scale), int(b.Precision)-int(b.Scale))
		return decimalT(ip+int(s), int(s))
	}
	return a
}

// typeName spells t as SQL Server messages do: "int", "varchar".
func typeName(t sqlType) string {
	return map[tds.DataType]string{tds.TypeInt: "int", tds.TypeBigInt: "bigint", tds.TypeSmallInt: "smallint",
		tds.TypeTinyInt: "tinyint", tds.TypeBit: "bit", tds.TypeDecimal: "numeric", tds.TypeNVarChar: "nvarchar",
		tds.TypeVarChar: "varchar", tds.TypeDateTime: "datetime", tds.TypeDateTime2: "datetime2",
		tds.TypeUniqueIdentifier: "uniqueidentifier", tds.TypeVarBinary: "varbinary", tds.TypeFloat: "float",
		tds.TypeSQLVariant: "sql_variant", tds.TypeDate: "date", tds.TypeDateTimeOffset: "datetimeoffset"}[t.Type]
}
