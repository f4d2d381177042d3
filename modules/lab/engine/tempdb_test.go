package engine

import (
	"context"
	"testing"
)

// SQL Server recreates tempdb at every start, so a temporary table left by
// a crash is gone after restart, while user databases keep their tables.
func TestTempdbStartsEmpty(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	def := chatDef()
	def.Name = "#left_000000000001"
	if err := s.CreateTable(context.Background(), "tempdb", def); err != nil {
		t.Fatal(err)
	}
	setupDB(t, i, s, "mgc")
	i.crash()
	i = openTest(t, dir)
	defer i.Close()
	s = connect(t, i, "master")
	if _, err := s.TableDefinition("tempdb", "#left_000000000001"); ErrorNumber(err) != 208 {
		t.Fatalf("a tempdb table after restart: %v, want 208", err)
	}
	if _, err := s.TableDefinition("mgc", "chat"); err != nil {
		t.Fatalf("mgc.chat after restart: %v", err)
	}
}

func TestDropTempTablesWorksForAKilledSession(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	def := chatDef()
	def.Name = "#mine_000000000002"
	if err := s.CreateTable(context.Background(), "tempdb", def); err != nil {
		t.Fatal(err)
	}
	if err := i.Kill(connect(t, i, "master"), s.SPID()); err != nil {
		t.Fatal(err)
	}
	i.DropTempTables(context.Background(), []string{"dbo.#mine_000000000002"})
	if _, err := connect(t, i, "master").TableDefinition("tempdb", "#mine_000000000002"); ErrorNumber(err) != 208 {
		t.Fatalf("the killed session's #table: %v, want 208", err)
	}
}
