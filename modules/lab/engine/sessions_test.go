package engine

import (
	"context"
	"errors"
	"testing"

	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/sqltype"
)

func TestSessionsKill(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	a, b := connect(t, i, "master"), connect(t, i, "master")
	if a.SPID() != 51 || b.SPID() != 52 {
		t.Fatalf("spids %d %d", a.SPID(), b.SPID())
	}
	setupDB(t, i, a, "mgc")
	_ = b.Begin()
	insertMsg(t, b, "mgc", "doomed")
	wantErr(t, i.Kill(a, a.SPID()), 6104)
	wantErr(t, i.Kill(a, 12), 6107)
	wantErr(t, i.Kill(a, 99), 6106)
	wantErr(t, i.Kill(a, 0), 6101)
	must(t, i.Kill(a, b.SPID()))
	if err := b.Use("master"); !errors.Is(err, ErrSessionKilled) {
		t.Fatalf("killed session request: %v", err)
	}
	if got := rows(t, a, "mgc", "chat"); len(got) != 0 {
		t.Fatalf("killed session's transaction survived: %v", got)
	}
	insertMsg(t, a, "mgc", "writer free again")
	if n := Len(i.SpWho2()); n != 1 {
		t.Fatalf("sp_who2 rows %d", n)
	}
}

func TestLoginFailures(t *testing.T) {
	i, err := Open(Options{Dir: t.TempDir(), Logins: map[string]string{"sa": "pw"}})
	must(t, err)
	defer i.Close()
	_, err = i.Connect(LoginRequest{Login: "sa", Password: "bad"})
	wantErr(t, err, 18456)
	if err.Error() != "Login failed for user 'sa'." {
		t.Fatalf("18456 text %q", err)
	}
	_, err = i.Connect(LoginRequest{Login: "sa", Password: "pw", Database: "nodb"})
	if chain := SQLErrors(err); len(chain) != 2 || chain[0].Number != 4060 || chain[1].Number != 18456 {
		t.Fatalf("chain %v", chain)
	}
}

func TestSingleUserAndDrop(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	a := connect(t, i, "master")
	setupDB(t, i, a, "mgc")
	b := connect(t, i, "mgc")
	wantErr(t, i.SetUserAccess(a, "mgc", SingleUser, false), 5070)
	wantErr(t, i.DropDatabase(context.Background(), a, "mgc"), 3702)
	must(t, i.SetUserAccess(a, "mgc", SingleUser, true))
	if _, err := b.Relation("", "chat"); !errors.Is(err, ErrSessionKilled) {
		t.Fatalf("rollback immediate did not kill: %v", err)
	}
	must(t, a.Use("mgc"))
	c := connect(t, i, "master")
	wantErr(t, c.Use("mgc"), 924)
	must(t, a.Use("master"))
	must(t, i.DropDatabase(context.Background(), a, "mgc"))
	wantErr(t, i.DropDatabase(context.Background(), a, "mgc"), 3701)
}

func TestSystemViews(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	must(t, i.SetMirroring("mgc", &Mirroring{Role: MirrorRolePrincipal, State: 4, SafetyLevel: 2,
		PartnerName: "TCP://b:5022", ConnectionTimeout: 10, FailoverLSN: sqldb.MakeLSN(34, 123, 1)}))
	dbs := rows(t, s, "", "sys.databases")
	if len(dbs) != 5 || dbs[4][0] != "mgc" || dbs[4][17] != "FULL" || dbs[4][13] != "ONLINE" {
		t.Fatalf("sys.databases %v", dbs)
	}
	m := rows(t, s, "", "sys.database_mirroring")
	if len(m) != 5 || m[0][1] != nil || m[4][5] != "PRINCIPAL" || m[4][3] != "SYNCHRONIZED" {
		t.Fatalf("sys.database_mirroring %v", m)
	}
	if lsn, ok := m[4][15].(sqltype.Decimal); !ok || lsn.Unscaled.String() != "34000000012300001" {
		t.Fatalf("failover lsn %v", m[4][15])
	}
	rel, _ := s.Relation("", "sys.database_mirroring")
	if len(rel.Columns()) != 21 {
		t.Fatalf("mirroring columns %d", len(rel.Columns()))
	}
	sess := rows(t, s, "", "sys.dm_exec_sessions")
	if len(sess) != 1 || sess[0][0] != int64(51) || sess[0][5] != "sa" {
		t.Fatalf("sessions %v", sess)
	}
	_, err := s.Relation("", "sys.nope")
	wantErr(t, err, 208)
	if err := i.SetMirroring("mgc", &Mirroring{Role: MirrorRoleMirror}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Use("mgc"), 954)
}

func TestLSNFormat(t *testing.T) {
	l := sqldb.MakeLSN(34, 123, 1)
	if l.String() != "34000000012300001" || l.VLF() != 34 || l.Block() != 123 || l.Slot() != 1 {
		t.Fatalf("lsn %s", l)
	}
	if l.Next() <= l || l.NextBlock().Slot() != 1 {
		t.Fatal("lsn order")
	}
}
