package exec

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-sql/civil"
	mssql "github.com/microsoft/go-mssqldb"
)

// chatTypes are the columns of the typed round trip: every type the
// runbooks and the Persistent Chat tables use, with a value at an edge of
// its range, passed as a parameter and expected back exactly.
var chatTypes = []struct {
	column, sqlType string
	value           any
}{
	{"i", "int", int64(-2147483648)},
	{"bi", "bigint", int64(9223372036854775807)},
	{"si", "smallint", int64(-32768)},
	{"ti", "tinyint", int64(255)},
	{"b", "bit", true},
	{"d", "decimal(18,4)", "12345678901234.5678"},
	{"nv", "nvarchar(50)", "Grüße ✓ chat"},
	{"nvmax", "nvarchar(max)", strings.Repeat("é✓x", 5000)},
	{"v", "varchar(50)", "plain ascii"},
	{"vmax", "varchar(max)", strings.Repeat("abc", 4000)},
	{"dt", "datetime", mssql.DateTime1(time.Date(2024, 3, 1, 10, 11, 12, 120e6, time.UTC))},
	{"dt2", "datetime2", civil.DateTimeOf(time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.UTC))},
	{"g", "uniqueidentifier", mssql.UniqueIdentifier{0x6F, 0x96, 0x19, 0xFF, 0x8B, 0x86, 0xD0, 0x11, 0xB4, 0x2D,
		0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF}},
	{"vb", "varbinary(50)", []byte{0, 1, 2, 0xfe, 0xff}},
	{"vbmax", "varbinary(max)", bytes.Repeat([]byte{0xca, 0xfe, 0}, 7000)},
}

func TestTypedTableRoundTrip(t *testing.T) {
	db := startLab(t).open(t, "master")
	mustExec(t, db, "CREATE DATABASE pchat")
	var cols, names, params []string
	var args []any
	for k, c := range chatTypes {
		cols = append(cols, c.column+" "+c.sqlType+" NULL")
		names = append(names, c.column)
		params = append(params, fmt.Sprintf("@p%d", k+1))
		args = append(args, c.value)
	}
	mustExec(t, db, "CREATE TABLE pchat.dbo.typed (id int PRIMARY KEY, "+strings.Join(cols, ", ")+")")
	mustExec(t, db, "INSERT INTO pchat.dbo.typed (id, "+strings.Join(names, ", ")+") VALUES (1, "+
		strings.Join(params, ", ")+")", args...)
	mustExec(t, db, "INSERT INTO pchat.dbo.typed (id) VALUES (2)")
	got := scanTyped(t, db.QueryRow("SELECT "+strings.Join(names, ", ")+" FROM pchat.dbo.typed WHERE id = 1"))
	for k, c := range chatTypes {
		if want := expected(c.value); !sameTyped(got[k], want) {
			t.Errorf("%s %s: got %#v, want %#v", c.column, c.sqlType, got[k], want)
		}
	}
	wantTypeNames(t, db, "SELECT "+strings.Join(names, ", ")+" FROM pchat.dbo.typed")
	nulls := scanTyped(t, db.QueryRow("SELECT "+strings.Join(names, ", ")+" FROM pchat.dbo.typed WHERE id = 2"))
	for k, v := range nulls {
		if v != nil {
			t.Errorf("%s: NULL came back as %#v", chatTypes[k].column, v)
		}
	}
}

// wantTypeNames checks that query's result columns carry the declared
// types of chatTypes, as the driver names them.
func wantTypeNames(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	names := columnTypeNames(t, db, query)
	for k, c := range chatTypes {
		want := strings.ToUpper(strings.Split(c.sqlType, "(")[0])
		if got := names[k]; got != want {
			t.Errorf("%s: column type %s, want %s", c.column, got, want)
		}
	}
}

// columnTypeNames returns the driver's type names of query's result
// columns.
func columnTypeNames(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(types))
	for k, c := range types {
		names[k] = c.DatabaseTypeName()
	}
	return names
}

// scanTyped scans one row of the chatTypes columns as the driver types it.
func scanTyped(t *testing.T, row interface{ Scan(...any) error }) []any {
	t.Helper()
	vals := make([]any, len(chatTypes))
	ptrs := make([]any, len(vals))
	for k := range vals {
		ptrs[k] = &vals[k]
	}
	if err := row.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	return vals
}

// expected is what go-mssqldb returns for a value sent as v: a datetime
// or datetime2 as time.Time in UTC, a uniqueidentifier as its bytes on the wire, a decimal as
// its text.
func expected(v any) any {
	switch x := v.(type) {
	case mssql.DateTime1:
		return time.Time(x)
	case civil.DateTime:
		return x.In(time.UTC)
	case mssql.UniqueIdentifier:
		b, _ := x.Value()
		return b
	case string:
		return x
	}
	return v
}

// sameTyped compares a scanned value with the expected one exactly.
func sameTyped(got, want any) bool {
	switch w := want.(type) {
	case time.Time:
		g, ok := got.(time.Time)
		return ok && g.Equal(w) && g.Nanosecond() == w.Nanosecond()
	case []byte:
		g, ok := got.([]byte)
		return ok && bytes.Equal(g, w)
	case string:
		switch g := got.(type) {
		case string:
			return g == w
		case []byte:
			return string(g) == w
		}
		return false
	}
	return got == want
}
