package engine

import (
	"pcsh/modules/lab/sqltype"
)

// Column constructors for the catalog tables and result sets.

func colInt(name string, nullable bool) ColumnDef { return cdef(name, sqltype.TypeInt, 0, nullable) }
func colBigInt(name string, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeBigInt, 0, nullable)
}
func colSmallInt(name string, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeSmallInt, 0, nullable)
}
func colTinyInt(name string, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeTinyInt, 0, nullable)
}
func colBit(name string, nullable bool) ColumnDef { return cdef(name, sqltype.TypeBit, 0, nullable) }
func colNVarChar(name string, n int, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeNVarChar, n, nullable)
}
func colVarChar(name string, n int, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeVarChar, n, nullable)
}
func colDateTime(name string, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeDateTime, 0, nullable)
}
func colGUID(name string, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeUniqueIdentifier, 0, nullable)
}
func colVarBinary(name string, n int, nullable bool) ColumnDef {
	return cdef(name, sqltype.TypeVarBinary, n, nullable)
}

// colNumeric is a numeric(p,0) column such as an LSN or a byte count.
func colNumeric(name string, precision uint8, nullable bool) ColumnDef {
	c := cdef(name, sqltype.TypeDecimal, 0, nullable)
	c.Precision = precision
	return c
}

// colIdentity is an int IDENTITY(1,1) NOT NULL column.
func colIdentity(name string) ColumnDef {
	c := colInt(name, false)
	c.Identity = &Identity{Seed: 1, Increment: 1}
	return c
}

func cdef(name string, t sqltype.DataType, n int, nullable bool) ColumnDef {
	return ColumnDef{Column: sqltype.Column{Name: name, Type: t, Length: n, Nullable: nullable}}
}

// sqlColumns strips table properties from column definitions.
func sqlColumns(defs ...ColumnDef) []sqltype.Column { return resultColumns(defs) }
