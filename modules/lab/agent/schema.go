package agent

import (
	"strconv"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// DefineTable builds an msdb table definition (schema dbo) from column
// specifications written as in CREATE TABLE: "name type [NOT NULL |
// IDENTITY]". Types: int, bigint, tinyint, bit, sysname, nvarchar(n|max),
// datetime, uniqueidentifier, varbinary(n). Columns are nullable unless
// NOT NULL or IDENTITY (int IDENTITY(1,1)). A malformed specification is
// a programming error and panics.
func DefineTable(name string, primaryKey []string, cols ...string) engine.TableDef {
	def := engine.TableDef{Schema: "dbo", Name: name, PrimaryKey: primaryKey}
	for _, spec := range cols {
		def.Columns = append(def.Columns, parseColumn(spec))
	}
	return def
}

// parseColumn parses one DefineTable column specification.
func parseColumn(spec string) engine.ColumnDef {
	f := strings.Fields(strings.ToLower(spec))
	if len(f) < 2 {
		panic("agent: bad column spec " + spec)
	}
	typ, n := columnType(f[1])
	c := engine.ColumnDef{Column: sqltype.Column{Name: strings.Fields(spec)[0], Type: typ, Length: n, Nullable: true}}
	rest := strings.Join(f[2:], " ")
	switch rest {
	case "not null":
		c.Nullable = false
	case "identity":
		c.Nullable = false
		c.Identity = &engine.Identity{Seed: 1, Increment: 1}
	case "":
	default:
		panic("agent: bad column spec " + spec)
	}
	return c
}

// columnType maps a type name to its TDS type and length.
func columnType(t string) (sqltype.DataType, int) {
	base, arg, _ := strings.Cut(strings.TrimSuffix(t, ")"), "(")
	n := -1
	if arg != "" && arg != "max" {
		v, err := strconv.Atoi(arg)
		if err != nil {
			panic("agent: bad type " + t)
		}
		n = v
	}
	switch base {
	case "int":
		return sqltype.TypeInt, 0
	case "bigint":
		return sqltype.TypeBigInt, 0
	case "tinyint":
		return sqltype.TypeTinyInt, 0
	case "bit":
		return sqltype.TypeBit, 0
	case "sysname":
		return sqltype.TypeNVarChar, 128
	case "nvarchar":
		return sqltype.TypeNVarChar, n
	case "datetime":
		return sqltype.TypeDateTime, 0
	case "uniqueidentifier":
		return sqltype.TypeUniqueIdentifier, 0
	case "varbinary":
		return sqltype.TypeVarBinary, n
	}
	panic("agent: unknown type " + t)
}
