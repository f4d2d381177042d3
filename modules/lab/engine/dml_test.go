package engine

import (
	"context"
	"strings"
	"testing"
)

func TestInsertSelectIdentity(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	insertMsg(t, s, "mgc", "hello")
	insertMsg(t, s, "mgc", "world")
	got := rows(t, s, "mgc", "dbo.chat")
	if len(got) != 2 || got[1][0] != int64(2) || got[1][1] != "world" || got[0][2] != nil {
		t.Fatalf("rows = %v", got)
	}
}

func TestWriteErrors(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	ctx := context.Background()
	_, err := s.Insert(ctx, "mgc", "chat", []string{"msg"}, []Row{{nil}})
	wantErr(t, err, 515)
	if !strings.Contains(err.Error(), "table 'mgc.dbo.chat'; column does not allow nulls. INSERT fails.") {
		t.Fatalf("515 text: %s", err)
	}
	_, err = s.Insert(ctx, "mgc", "chat", []string{"msg"}, []Row{{strings.Repeat("x", 21)}})
	wantErr(t, err, 8152)
	_, err = s.Insert(ctx, "mgc", "chat", []string{"msg", "n"}, []Row{{"a", "abc"}})
	wantErr(t, err, 245)
	_, err = s.Insert(ctx, "mgc", "chat", []string{"msg", "n"}, []Row{{"a", int64(1) << 40}})
	wantErr(t, err, 8115)
	_, err = s.Insert(ctx, "mgc", "chat", []string{"id", "msg"}, []Row{{1, "a"}})
	wantErr(t, err, 544)
	_, err = s.Insert(ctx, "mgc", "nope", nil, []Row{{"a"}})
	wantErr(t, err, 208)
	_, err = s.Insert(ctx, "mgc", "chat", []string{"bogus"}, []Row{{"a"}})
	wantErr(t, err, 207)
	wantErr(t, s.CreateTable(ctx, "mgc", chatDef()), 2714)
	wantErr(t, i.CreateDatabase("MGC"), 1801)
	wantErr(t, s.DropTable(ctx, "mgc", "nope"), 3701)
	_, err = s.Insert(ctx, "nodb", "chat", nil, nil)
	wantErr(t, err, 911)
	if got := rows(t, s, "mgc", "chat"); len(got) != 0 {
		t.Fatalf("failed statements left rows: %v", got)
	}
}

func TestPrimaryKeyViolation(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	if err := i.CreateDatabase("d"); err != nil {
		t.Fatal(err)
	}
	def := TableDef{Name: "k", Columns: []ColumnDef{colNVarChar("code", 10, false)}, PrimaryKey: []string{"code"}}
	ctx := context.Background()
	if err := s.CreateTable(ctx, "d", def); err != nil {
		t.Fatal(err)
	}
	_, err := s.Insert(ctx, "d", "k", nil, []Row{{"a"}, {"B"}, {"b"}})
	wantErr(t, err, 2627)
	if !strings.HasSuffix(err.Error(), "Cannot insert duplicate key in object 'dbo.k'. The duplicate key value is (b).") {
		t.Fatalf("2627 text: %s", err)
	}
	if n := len(rows(t, s, "d", "k")); n != 0 {
		t.Fatalf("statement not atomic: %d rows", n)
	}
}

func TestUpdateDelete(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	for _, m := range []string{"a", "b", "c"} {
		insertMsg(t, s, "mgc", m)
	}
	ctx := context.Background()
	n, err := s.Update(ctx, "mgc", "chat", func(r Row) (bool, error) { return r[1] != "b", nil },
		func(r Row) (Row, error) { r[2] = 7; return r, nil })
	if err != nil || n != 2 {
		t.Fatalf("update n=%d err=%v", n, err)
	}
	n, err = s.Delete(ctx, "mgc", "chat", func(r Row) (bool, error) { return r[2] == int64(7), nil })
	if err != nil || n != 2 {
		t.Fatalf("delete n=%d err=%v", n, err)
	}
	if got := rows(t, s, "mgc", "chat"); len(got) != 1 || got[0][1] != "b" {
		t.Fatalf("rows = %v", got)
	}
}

func TestExplicitTransactions(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	wantErr(t, s.Commit(), 3902)
	wantErr(t, s.Rollback(), 3903)
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	insertMsg(t, s, "mgc", "gone")
	_, err := s.Insert(context.Background(), "mgc", "chat", []string{"msg"}, []Row{{nil}})
	wantErr(t, err, 515) // statement-level failure keeps the transaction
	if s.TranCount() != 1 {
		t.Fatalf("trancount %d", s.TranCount())
	}
	if err := s.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := rows(t, s, "mgc", "chat"); len(got) != 0 {
		t.Fatalf("rolled back rows visible: %v", got)
	}
	_ = s.Begin()
	_ = s.Begin()
	insertMsg(t, s, "mgc", "kept")
	_ = s.Commit()
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := rows(t, s, "mgc", "chat"); len(got) != 1 {
		t.Fatalf("rows = %v", got)
	}
}
