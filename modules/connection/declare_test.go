package connection

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/tsql"
)

// TestRunnableTextDeclaresEachValue: every argument becomes a DECLARE of
// the type go-mssqldb sends it as, its value as a literal written exactly
// (a UNC path keeps single backslashes), secrets masked; the whole text
// parses as T-SQL.
func TestRunnableTextDeclaresEachValue(t *testing.T) {
	guid := mssql.UniqueIdentifier{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10}
	got := RunnableText("EXEC dbo.sp_x @a = @p1, @b = @p2, @c = @p3, @d = @p4, @e = @p5, @f = @p6, @g = @p7, @h = @p8, @i = @p9, @j = @p10, @k = @pw",
		[]any{`\\fs.lab.local\pchatlogs\it's`, int64(4320), 7, int32(2), true, nil, []byte{0xde, 0xad},
			time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), guid, strings.Repeat("x", 2001) + "é\U0001F600" + strings.Repeat("x", 1997),
			sql.Named("pw", Secret("Sup3r-Secret")), Activity("Backing up")})
	want := []string{
		`DECLARE @p1 nvarchar(29) = N'\\fs.lab.local\pchatlogs\it''s';`,
		`DECLARE @p2 bigint = 4320;`,
		`DECLARE @p3 bigint = 7;`,
		`DECLARE @p4 int = 2;`,
		`DECLARE @p5 bit = 1;`,
		`DECLARE @p6 nvarchar(1) = NULL;`,
		`DECLARE @p7 varbinary(2) = 0xDEAD;`,
		`DECLARE @p8 datetimeoffset(7) = '2024-01-02T03:04:05Z';`,
		`DECLARE @p9 uniqueidentifier = N'` + guid.String() + `';`,
		`DECLARE @p10 nvarchar(max) = N'` + strings.Repeat("x", 2001) + "é\U0001F600" + strings.Repeat("x", 1997) + `';`,
		`DECLARE @pw nvarchar(128) = N'********'; -- masked`,
		`EXEC dbo.sp_x @a = @p1, @b = @p2, @c = @p3, @d = @p4, @e = @p5, @f = @p6, @g = @p7, @h = @p8, @i = @p9, @j = @p10, @k = @pw`,
	}
	if got != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if strings.Contains(got, "Sup3r-Secret") {
		t.Fatal("the secret leaked")
	}
	if _, err := tsql.Parse(got); err != nil {
		t.Fatalf("does not parse: %v", err)
	}
	if RunnableText("SELECT 1", nil) != "SELECT 1" {
		t.Fatal("a batch without arguments is its text")
	}
}
