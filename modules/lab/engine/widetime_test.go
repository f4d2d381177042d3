package engine

import (
	"context"
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
)

// wideTimes are datetime2 and datetime values outside the years Unix
// nanoseconds can hold, next to one inside them.
var wideTimes = []time.Time{
	time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(1753, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC),
	time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.UTC),
}

// TestWideTimesRoundTrip: every time value and header time encodes and
// decodes to the same instant, whatever its year.
func TestWideTimesRoundTrip(t *testing.T) {
	for _, want := range wideTimes {
		var e enc
		e.value(want)
		e.time(want)
		d := newDec(e.b)
		got, hdr := d.value(), d.time()
		if d.Err() != nil || !got.(time.Time).Equal(want) || !hdr.Equal(want) || d.Len() != 0 {
			t.Errorf("%v: value %v, header time %v, err %v", want, got, hdr, d.Err())
		}
	}
}

// TestWideTimesSurviveRestart: 0001-01-01 and 9999-12-31 in a datetime2
// column are the same after the WAL replays and after a checkpoint.
func TestWideTimesSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	must(t, i.CreateDatabase("mgc"))
	def := TableDef{Name: "dates", Columns: []ColumnDef{colIdentity("id"), cdef("d", sqltype.TypeDateTime2, 0, true)}}
	must(t, s.CreateTable(context.Background(), "mgc", def))
	for _, v := range wideTimes {
		if _, err := s.Insert(context.Background(), "mgc", "dates", []string{"d"}, []Row{{v}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []string{"WAL replay", "checkpoint"} {
		if step == "WAL replay" {
			i.crash()
		} else {
			must(t, i.Close())
		}
		i = openTest(t, dir)
		got := rows(t, connect(t, i, "mgc"), "", "dates")
		for k, v := range wideTimes {
			if k >= len(got) || !got[k][1].(time.Time).Equal(v) {
				t.Fatalf("after %s: rows %v, want %v at %d", step, got, v, k)
			}
		}
	}
	i.Close()
}
