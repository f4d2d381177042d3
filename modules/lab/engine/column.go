package engine

import (
	"strconv"
	"strings"

	"pcsh/modules/lab/tds"
)

// Row is one row of values in column order. Values use the Go types of
// tds row values: nil, int64, bool, tds.Decimal, string, time.Time,
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
	tds.Column
	Identity *Identity // nil unless IDENTITY
	Default  any       // value used when an INSERT omits the column; nil is NULL
	// HasDefault distinguishes DEFAULT NULL from no default.
	HasDefault bool
}

// TypeName returns the T-SQL type as SQL Server spells it in messages,
// for example "nvarchar(50)", "decimal(10,2)" or "int".
func (c ColumnDef) TypeName() string { return typeName(c.Column) }

// typeName spells a column type.
func typeName(c tds.Column) string {
	base := baseTypeName(c.Type)
	switch c.Type {
	case tds.TypeNVarChar, tds.TypeVarChar, tds.TypeVarBinary:
		if c.Length <= 0 {
			return base + "(max)"
		}
		return base + "(" + strconv.Itoa(c.Length) + ")"
	case tds.TypeDecimal:
		return base + "(" + strconv.Itoa(int(c.Precision)) + "," + strconv.Itoa(int(c.Scale)) + ")"
	}
	return base
}

// baseTypeName is the bare type keyword, as used in conversion messages.
func baseTypeName(t tds.DataType) string {
	switch t {
	case tds.TypeInt:
		return "int"
	case tds.TypeBigInt:
		return "bigint"
	case tds.TypeSmallInt:
		return "smallint"
	case tds.TypeTinyInt:
		return "tinyint"
	case tds.TypeBit:
		return "bit"
	case tds.TypeDecimal:
		return "numeric"
	case tds.TypeNVarChar:
		return "nvarchar"
	case tds.TypeVarChar:
		return "varchar"
	case tds.TypeDateTime:
		return "datetime"
	case tds.TypeDateTime2:
		return "datetime2"
	case tds.TypeDateTimeOffset:
		return "datetimeoffset"
	case tds.TypeUniqueIdentifier:
		return "uniqueidentifier"
	case tds.TypeVarBinary:
		return "varbinary"
	case tds.TypeFloat:
		return "float"
	case tds.TypeSQLVariant:
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

// resultColumns returns the tds descriptions of cols.
func resultColumns(cols []ColumnDef) []tds.Column {
	out := make([]tds.Column, len(cols))
	for i, c := range cols {
		out[i] = c.Column
	}
	return out
}
