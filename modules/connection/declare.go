package connection

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/runtime/cmdlet"
)

// RunnableText returns a parameterised batch as a script that runs as it
// stands in SSMS or sqlcmd: one DECLARE line per argument, with the type
// go-mssqldb declares for the value and the value as a literal, then the
// batch. Positional arguments are @p1, @p2, …; a sql.NamedArg keeps its
// name. A Secret is declared nvarchar(128) with the mask as its value, so
// neither the password nor its length shows. Arguments that are not
// values (an Activity) are left out. -WhatIf and the confirmation prompt
// print this text.
func RunnableText(query string, args []any) string {
	var b strings.Builder
	n := 0
	for _, a := range args {
		name, v := "", a
		if na, ok := a.(sql.NamedArg); ok {
			name, v = na.Name, na.Value
		}
		if _, ok := v.(Activity); ok {
			continue
		}
		n++
		if name == "" {
			name = fmt.Sprintf("p%d", n)
		}
		b.WriteString(declareLine(name, v) + "\n")
	}
	return b.String() + query
}

// declareLine is DECLARE @name type = literal; for one value.
func declareLine(name string, v any) string {
	if _, ok := v.(Secret); ok {
		return "DECLARE @" + name + " nvarchar(128) = " + QuoteString(cmdlet.Mask) + "; -- masked"
	}
	if dv, ok := v.(driver.Valuer); ok && !isGUID(v) {
		if x, err := dv.Value(); err == nil {
			v = x
		}
	}
	return "DECLARE @" + name + " " + DeclaredType(v) + " = " + Literal(v) + ";"
}

// isGUID reports whether v is go-mssqldb's uniqueidentifier, whose Value
// is its wire bytes, not its text.
func isGUID(v any) bool {
	switch v.(type) {
	case mssql.UniqueIdentifier, *mssql.UniqueIdentifier:
		return true
	}
	return false
}

// DeclaredType is the T-SQL type go-mssqldb declares for a Go value it
// sends as a parameter (its makeParam and makeDecl): strings are
// nvarchar of their UTF-16 length (max above 4,000 or when empty), int and
// int64 are bigint, time.Time is datetimeoffset(7), NULL is nvarchar(1).
func DeclaredType(v any) string {
	switch x := v.(type) {
	case nil:
		return "nvarchar(1)"
	case string:
		return sized("nvarchar", len(utf16.Encode([]rune(x))), 4000)
	case []byte:
		return sized("varbinary", len(x), 8000)
	case bool:
		return "bit"
	case int, int64, uint, uint16, uint32, uint64: // database/sql widens unsigned to int64
		return "bigint"
	case int32:
		return "int"
	case int16:
		return "smallint"
	case int8, uint8:
		return "tinyint"
	case float64:
		return "float"
	case float32:
		return "real"
	case time.Time:
		return "datetimeoffset(7)"
	case mssql.UniqueIdentifier, *mssql.UniqueIdentifier:
		return "uniqueidentifier"
	case fmt.Stringer:
		return DeclaredType(x.String())
	}
	return DeclaredType(fmt.Sprint(v))
}

// sized is typ(n), or typ(max) when n is 0 or above limit, as go-mssqldb
// declares variable-length parameters.
func sized(typ string, n, limit int) string {
	if n == 0 || n > limit {
		return typ + "(max)"
	}
	return fmt.Sprintf("%s(%d)", typ, n)
}
