package engine

import (
	"strconv"
	"strings"

	"pcsh/modules/lab/sqltype"
)

// Row is one row of values in column order. Values use the Go types of
// sqltype values: nil, int64, bool, sqltype.Decimal, string, time.Time,
// [16]byte, []byte and float64. Stored rows are never mutated in place.
type Row = []any

// Identity is an IDENTITY(seed, increment) column property.
type Identity struct {
	Seed      int64
	Increment int64
}

// ColumnDef is a table column: its result-set description (name, type,
// length, precision, scale, nullability) plus the table properties.
type ColumnDef struct {
	sqltype.Column
	Identity *Identity // nil unless IDENTITY
	Default  any       // value used when an INSERT omits the column; nil is NULL
	// HasDefault distinguishes DEFAULT NULL from no default.
	HasDefault bool
}

// TypeName returns the T-SQL type as SQL Server spells it in messages,
// for example "nvarchar(50)", "decimal(10,2)" or "int".
func (c ColumnDef) TypeName() string { return typeName(c.Column) }

// typeName spells a column type.
func typeName(c sqltype.Column) string {
	base := baseTypeName(c.Type)
	switch c.Type {
	case sqltype.TypeNVarChar, sqltype.TypeVarChar, sqltype.TypeVarBinary:
		if c.Length <= 0 {
			return base + "(max)"
		}
		return base + "(" + strconv.Itoa(c.Length) + ")"
	case sqltype.TypeDecimal:
		return base + "(" + strconv.Itoa(int(c.Precision)) + "," + strconv.Itoa(int(c.Scale)) + ")"
	}
	return base
}

// baseTypeName is the bare type keyword, as used in conversion messages.
func baseTypeName(t sqltype.DataType) string {
	switch t {
	case sqltype.TypeInt:
		return "int"
	case sqltype.TypeBigInt:
		return "bigint"
	case sqltype.TypeSmallInt:
		return "smallint"
	case sqltype.TypeTinyInt:
		return "tinyint"
	case sqltype.TypeBit:
		return "bit"
	case sqltype.TypeDecimal:
		return "numeric"
	case sqltype.TypeNVarChar:
		return "nvarchar"
	case sqltype.TypeVarChar:
		return "varchar"
	case sqltype.TypeDateTime:
		return "datetime"
	case sqltype.TypeDateTime2:
		return "datetime2"
	case sqltype.TypeDateTimeOffset:
		return "datetimeoffset"
	case sqltype.TypeUniqueIdentifier:
		return "uniqueidentifier"
	case sqltype.TypeVarBinary:
		return "varbinary"
	case sqltype.TypeFloat:
		return "float"
	case sqltype.TypeSQLVariant:
		return "sql_variant"
	}
	return "unknown"
}

// columnIndex finds a column by case-insensitive name, or -1.
func columnIndex(cols []ColumnDef, name string) int {
	for i, c := range cols {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// resultColumns returns the result-set descriptions of cols.
func resultColumns(cols []ColumnDef) []sqltype.Column {
	out := make([]sqltype.Column, len(cols))
	for i, c := range cols {
		out[i] = c.Column
	}
	return out
}
