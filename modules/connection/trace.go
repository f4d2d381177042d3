package connection

import (
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

// Secret is a parameter value that must never be shown: -Debug traces
// print it as ********, and it is registered with the session's secrets
// when used. It is sent to the server as nvarchar.
type Secret string

// Value returns the text sent to the server.
func (s Secret) Value() (driver.Value, error) { return string(s), nil }

// trace writes the statement and its parameter values as DEBUG lines
// when -Debug is in effect, as a T-SQL comment block one could paste into
// SSMS after declaring the variables; the runtime masks the secrets.
func trace(ctx *cmdlet.Context, t *Target, query string, args []any) {
	ctx.WriteDebugLines(func() []string {
		lines := []string{fmt.Sprintf("T-SQL on %s (database %s):", t, orDefault(t.Database, "default"))}
		lines = append(lines, strings.Split(query, "\n")...)
		for i, a := range args {
			lines = append(lines, "-- "+paramText(i, a))
		}
		return lines
	})
}

// paramText renders one parameter as "@name = literal".
func paramText(i int, a any) string {
	name := fmt.Sprintf("@p%d", i+1)
	if na, ok := a.(sql.NamedArg); ok {
		name, a = "@"+na.Name, na.Value
	}
	return name + " = " + Literal(a)
}

// Literal renders a value as a T-SQL literal for display (never for
// execution: values always travel as parameters). Secrets print as the
// mask.
func Literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case Secret:
		return cmdlet.Mask
	case string:
		return QuoteString(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case []byte:
		return "0x" + strings.ToUpper(hex.EncodeToString(x))
	case time.Time:
		return "'" + x.Format("2006-01-02T15:04:05.9999999Z07:00") + "'"
	case fmt.Stringer:
		return QuoteString(x.String())
	}
	return fmt.Sprint(v)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
