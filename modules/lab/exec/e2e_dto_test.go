package exec

import (
	"database/sql"
	"testing"
	"time"
)

// dtoAt is 2024-03-01 10:11:12.1234567 on the wall clock of a zone
// offset minutes east of UTC.
func dtoAt(offset int) time.Time {
	return time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.FixedZone("", offset*60))
}

// sameOffsetTime checks an instant and its offset.
func sameOffsetTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	_, goff := got.Zone()
	_, woff := want.Zone()
	if !got.Equal(want) || goff != woff {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestDateTimeOffsetParameterEcho(t *testing.T) {
	db := startLab(t).open(t, "master")
	for _, off := range []int{0, 120, -330, 14 * 60} {
		in := dtoAt(off)
		var got time.Time
		if err := db.QueryRow("SELECT @p1", in).Scan(&got); err != nil {
			t.Fatalf("offset %d: %v", off, err)
		}
		sameOffsetTime(t, "SELECT @p1", got, in)
	}
	if name := columnTypeNames(t, db, "SELECT @p1 AS d", dtoAt(60))[0]; name != "DATETIMEOFFSET" {
		t.Errorf("SELECT @p1 column type %s, want DATETIMEOFFSET", name)
	}
}

func TestDateTimeOffsetStoredInTimeColumns(t *testing.T) {
	db := startLab(t).open(t, "master")
	mustExec(t, db, "CREATE DATABASE pchat")
	mustExec(t, db, "CREATE TABLE pchat.dbo.t (id int PRIMARY KEY, dt2 datetime2 NULL, dt datetime NULL, "+
		"d date NULL, dto datetimeoffset NULL)")
	in := dtoAt(-330) // 15:41:12.1234567 UTC
	mustExec(t, db, "INSERT INTO pchat.dbo.t VALUES (1, @p1, @p1, @p1, @p1)", in)
	var dt2, dt, d, dto time.Time
	row := db.QueryRow("SELECT dt2, dt, d, dto FROM pchat.dbo.t WHERE id = 1")
	if err := row.Scan(&dt2, &dt, &d, &dto); err != nil {
		t.Fatal(err)
	}
	// Converting to datetime2, datetime or date keeps the local clock
	// and drops the offset; datetime cuts digits past three.
	local := time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.UTC)
	if !dt2.Equal(local) {
		t.Errorf("datetime2 = %v, want %v", dt2, local)
	}
	if want := time.Date(2024, 3, 1, 10, 11, 12, 123e6, time.UTC); !dt.Equal(want) {
		t.Errorf("datetime = %v, want %v", dt, want)
	}
	if want := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC); !d.Equal(want) {
		t.Errorf("date = %v, want %v", d, want)
	}
	sameOffsetTime(t, "datetimeoffset", dto, in)
	mustExec(t, db, "INSERT INTO pchat.dbo.t (id, dt) VALUES (2, @p1)",
		time.Date(2024, 3, 1, 10, 11, 12, 1800000, time.FixedZone("", 3600)))
	if err := db.QueryRow("SELECT dt FROM pchat.dbo.t WHERE id = 2").Scan(&dt); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 3, 1, 10, 11, 12, 0, time.UTC); !dt.Equal(want) {
		t.Errorf("datetime from .0018 = %v, want %v (digits past three cut)", dt, want)
	}
}

func TestDateTimeOffsetComparisons(t *testing.T) {
	db := startLab(t).open(t, "master")
	mustExec(t, db, "CREATE DATABASE pchat")
	mustExec(t, db, "CREATE TABLE pchat.dbo.t (id int PRIMARY KEY, dt2 datetime2 NULL, dto datetimeoffset NULL)")
	mustExec(t, db, "INSERT INTO pchat.dbo.t VALUES (1, @p1, @p2)", dtoAt(0), dtoAt(120))
	cases := []struct {
		where string
		arg   time.Time
		want  int
	}{
		// datetimeoffset compares as UTC: the same instant at another offset is equal.
		{"dto = @p1", dtoAt(120).In(time.FixedZone("", -300*60)), 1},
		{"dto = @p1", dtoAt(0), 0},
		{"dto < @p1", dtoAt(0), 1},
		// datetime2 converts to datetimeoffset at +00:00 to compare.
		{"dt2 = @p1", dtoAt(0), 1},
		{"dt2 = @p1", dtoAt(120), 0},
		{"dt2 > @p1", dtoAt(120), 1},
	}
	for _, c := range cases {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM pchat.dbo.t WHERE "+c.where, c.arg).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.where, err)
		}
		if n != c.want {
			t.Errorf("%s with %v: %d rows, want %d", c.where, c.arg, n, c.want)
		}
	}
}

func TestDateTimeOffsetText(t *testing.T) {
	db := startLab(t).open(t, "master")
	cases := []struct{ query, want string }{
		{"SELECT CAST(@p1 AS nvarchar(40))", "2024-03-01 10:11:12.1234567 +02:00"},
		{"SELECT CAST(CAST('2007-05-08 12:35:29.1234567 +12:15' AS datetimeoffset) AS nvarchar(40))",
			"2007-05-08 12:35:29.1234567 +12:15"},
		{"SELECT CAST(CAST('2007-05-08 12:35:29.1234567+12:15' AS datetime2) AS nvarchar(40))",
			"2007-05-08 12:35:29.1234567"},
		{"SELECT CAST(CAST('2007-05-08 12:35:29' AS datetimeoffset(0)) AS nvarchar(40))",
			"2007-05-08 12:35:29.0000000 +00:00"},
		// To datetime, digits past three are cut before ticks round: .0018 is .000, not .003.
		{"SELECT CONVERT(varchar(30), CAST(CAST('2024-03-01 10:11:12.0018 +01:00' AS datetimeoffset) AS datetime), 121)",
			"2024-03-01 10:11:12.000"},
	}
	for _, c := range cases {
		var got string
		if err := db.QueryRow(c.query, dtoAt(120)).Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got != c.want {
			t.Errorf("%s = %q, want %q", c.query, got, c.want)
		}
	}
	var v sql.NullTime
	if err := db.QueryRow("DECLARE @d datetimeoffset = @p1; SELECT @d", dtoAt(-60)).Scan(&v); err != nil {
		t.Fatal(err)
	}
	sameOffsetTime(t, "DECLARE @d datetimeoffset", v.Time, dtoAt(-60))
}
