package principals

import (
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestCatalogSurvivesRestart: logins and grants are in the data
// directory, so an instance opened again has them.
func TestCatalogSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	open := func() (*engine.Instance, *Store) {
		inst, err := engine.Open(engine.Options{Name: "DC1-SQL1", Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		s, err := Open(inst)
		if err != nil {
			t.Fatal(err)
		}
		return inst, s
	}
	inst, s := open()
	if err := s.CreateLogin(`CONTOSO\svc`, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	id, _ := s.PrincipalID(`contoso\SVC`)
	if err := s.Grant(Permission{Class: ClassEndpoint, MajorID: 65536, Grantee: id, Grantor: 1, Name: "CONNECT"}); err != nil {
		t.Fatal(err)
	}
	inst.Close()
	inst, s = open()
	defer inst.Close()
	if got, ok := s.PrincipalID(`CONTOSO\svc`); !ok || got != id {
		t.Fatalf("login after restart: %d %v", got, ok)
	}
	n := 0
	for range s.permissionsView().Rows() {
		n++
	}
	if n != 1 {
		t.Fatalf("%d permissions after restart", n)
	}
	if err := s.CreateLogin(`CONTOSO\svc`, true, time.Now()); err != ErrExists {
		t.Fatalf("CreateLogin again: %v", err)
	}
}
