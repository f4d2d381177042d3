package engine

import (
	"context"
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
)

// dtoDef is a table keyed by a datetimeoffset, with a datetime2 copy.
func dtoDef() TableDef {
	return TableDef{Name: "ev", Columns: []ColumnDef{cdef("at", sqltype.TypeDateTimeOffset, 0, false),
		cdef("local", sqltype.TypeDateTime2, 0, true)}, PrimaryKey: []string{"at"}}
}

func TestDateTimeOffsetSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	if err := i.CreateDatabase("mgc"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateTable(context.Background(), "mgc", dtoDef()); err != nil {
		t.Fatal(err)
	}
	first := time.Date(1, 1, 1, 23, 0, 0, 100, time.FixedZone("", 14*3600)) // outside UnixNano's range
	at := time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.FixedZone("", -330*60))
	if _, err := s.Insert(context.Background(), "mgc", "ev", []string{"at", "local"}, []Row{{at, at}, {first, nil}}); err != nil {
		t.Fatal(err)
	}
	// The same instant at another offset is the same key, as SQL Server
	// compares datetimeoffset in UTC.
	_, err := s.Insert(context.Background(), "mgc", "ev", []string{"at"}, []Row{{at.In(time.FixedZone("", -3600))}})
	wantErr(t, err, 2627)
	if err := i.Close(); err != nil {
		t.Fatal(err)
	}
	i = openTest(t, dir)
	defer i.Close()
	got := rows(t, connect(t, i, "mgc"), "", "ev")
	if len(got) != 2 {
		t.Fatalf("rows = %v", got)
	}
	for k, want := range []time.Time{at, first} {
		back := got[k][0].(time.Time)
		_, off := back.Zone()
		if _, woff := want.Zone(); !back.Equal(want) || off != woff {
			t.Errorf("datetimeoffset after restart = %v, want %v", back, want)
		}
	}
	if want := time.Date(2024, 3, 1, 10, 11, 12, 123456700, time.UTC); !got[0][1].(time.Time).Equal(want) {
		t.Errorf("datetime2 = %v, want the local clock %v", got[0][1], want)
	}
}
