package tds

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/sqltype"
)

func TestColumnTypesRoundTrip(t *testing.T) {
	db := openDB(t, newFake(), "encrypt=disable")
	rows, err := db.Query("types")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := typeValues()
	got := make([]any, len(want))
	ptrs := make([]any, len(want))
	for i := range got {
		ptrs[i] = &got[i]
	}
	if !rows.Next() {
		t.Fatalf("no first row: %v", rows.Err())
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	for i, c := range typeColumns {
		if !sameValue(c.Type, got[i], want[i]) {
			t.Errorf("column %s: got %#v, want %#v", c.Name, got[i], want[i])
		}
	}
	if !rows.Next() {
		t.Fatalf("no NULL row: %v", rows.Err())
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	for i, c := range typeColumns {
		if got[i] != nil {
			t.Errorf("column %s: got %#v, want NULL", c.Name, got[i])
		}
	}
}

// sameValue compares what go-mssqldb returns with what the handler sent.
func sameValue(dt sqltype.DataType, got, want any) bool {
	switch w := want.(type) {
	case sqltype.Decimal:
		return string(got.([]byte)) == "-1234.56"
	case [16]byte:
		var u mssql.UniqueIdentifier
		return u.Scan(got) == nil && u == mssql.UniqueIdentifier(w)
	case time.Time:
		g, ok := got.(time.Time)
		if dt == sqltype.TypeDateTime {
			return ok && g.Equal(w.Round(time.Millisecond))
		}
		return ok && g.Equal(w)
	case []byte:
		return bytes.Equal(got.([]byte), w)
	case string:
		if b, ok := got.([]byte); ok {
			return string(b) == w
		}
	}
	return got == want
}

func TestParamsRoundTrip(t *testing.T) {
	db := openDB(t, newFake(), "encrypt=disable")
	long := strings.Repeat("é", 5000)
	args := []any{int64(1) << 40, int32(-5), int16(300), true, 2.25, "", "short", long,
		[]byte{9, 8}, testTime, mssql.UniqueIdentifier(testGUID), nil}
	rows, err := db.Query("select echo", args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := make([]any, len(args))
	ptrs := make([]any, len(args))
	for i := range got {
		ptrs[i] = &got[i]
	}
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	want := []any{int64(1) << 40, int64(-5), int64(300), true, 2.25, "", "short", long,
		[]byte{9, 8}, testTime, testGUID, nil}
	for i := range want {
		if !sameValue(0, got[i], want[i]) {
			t.Errorf("param %d: got %#v, want %#v", i+1, got[i], want[i])
		}
	}
}

func TestOutputParamsAndReturnStatus(t *testing.T) {
	db := openDB(t, newFake(), "encrypt=disable")
	var n int64 = 20
	var s = "ab"
	if _, err := db.Exec("select echo", sql.Named("n", sql.Out{Dest: &n}), sql.Named("s", sql.Out{Dest: &s})); err != nil {
		t.Fatal(err)
	}
	if n != 40 || s != "abab" {
		t.Fatalf("outputs n=%d s=%q, want 40 and abab", n, s)
	}
	var out int64
	var rs mssql.ReturnStatus
	if _, err := db.Exec("dbo.addone", sql.Named("a", 41), sql.Named("b", sql.Out{Dest: &out}), &rs); err != nil {
		t.Fatal(err)
	}
	if out != 42 || rs != 7 {
		t.Fatalf("dbo.addone: out=%d status=%d, want 42 and 7", out, rs)
	}
}

func TestMaxValuesSpanPackets(t *testing.T) {
	for _, opts := range []string{"encrypt=disable;packet size=512", "encrypt=true;TrustServerCertificate=true;packet size=512", "encrypt=disable;packet size=32767"} {
		t.Run(opts, func(t *testing.T) {
			db := openDB(t, newFake(), opts)
			var s string
			var b []byte
			if err := db.QueryRow("big").Scan(&s, &b); err != nil {
				t.Fatal(err)
			}
			if len(b) != bigSize || s != strings.Repeat("xé", bigSize/2) {
				t.Fatalf("got %d bytes and %d characters", len(b), len([]rune(s)))
			}
			long := strings.Repeat("q", 3*bigSize)
			var echoed string
			if err := db.QueryRow("select echo", long).Scan(&echoed); err != nil || echoed != long {
				t.Fatalf("echo of %d characters: %d characters, %v", len(long), len(echoed), err)
			}
		})
	}
}
