package engine

import (
	"context"
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
)

// fixedClock returns a clock that advances one second per call.
func fixedClock() func() time.Time {
	t := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

// openTest opens an instance in dir, failing the test on error.
func openTest(t testing.TB, dir string) *Instance {
	t.Helper()
	i, err := Open(Options{Name: "LAB1", Dir: dir, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// connect opens a sa session in db.
func connect(t testing.TB, i *Instance, db string) *Session {
	t.Helper()
	s, err := i.Connect(LoginRequest{Login: "sa", Database: db, AppName: "test", HostName: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// chatDef is a small table with an identity key and a text column.
func chatDef() TableDef {
	name := cdef("msg", sqltype.TypeNVarChar, 20, false)
	return TableDef{Name: "chat", Columns: []ColumnDef{colIdentity("id"), name, colInt("n", true)},
		PrimaryKey: []string{"id"}}
}

// setupDB creates database name with the chat table.
func setupDB(t testing.TB, i *Instance, s *Session, name string) {
	t.Helper()
	if err := i.CreateDatabase(name); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateTable(context.Background(), name, chatDef()); err != nil {
		t.Fatal(err)
	}
}

// insertMsg inserts one chat row.
func insertMsg(t testing.TB, s *Session, db, msg string) {
	t.Helper()
	if _, err := s.Insert(context.Background(), db, "chat", []string{"msg"}, []Row{{msg}}); err != nil {
		t.Fatal(err)
	}
}

// rows reads a relation's rows.
func rows(t testing.TB, s *Session, db, name string) []Row {
	t.Helper()
	rel, err := s.Relation(db, name)
	if err != nil {
		t.Fatal(err)
	}
	var out []Row
	for r := range rel.Rows() {
		out = append(out, r)
	}
	return out
}

// wantErr fails unless err carries SQL error number n first.
func wantErr(t testing.TB, err error, n int32) {
	t.Helper()
	if got := ErrorNumber(err); got != n {
		t.Fatalf("error %v (number %d), want %d", err, got, n)
	}
}
