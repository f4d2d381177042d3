package exec

import (
	"context"
	"database/sql"
	"net"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/logship"
	"pcsh/modules/lab/tds"
)

// serveAgain serves l's instance through a second handler configured as
// cfg, on a new port, and returns it as a lab.
func serveAgain(t *testing.T, l *lab, cfg Config) *lab {
	t.Helper()
	h := New(l.inst, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := tds.NewServer(tds.Config{ServerName: l.inst.Name(), Version: h.TDSVersion(), Logf: t.Logf}, h)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &lab{inst: l.inst, h: h, port: ln.Addr().(*net.TCPAddr).Port, dir: l.dir}
}

func TestRPCOfAProcedureByNameReturnsItsStatus(t *testing.T) {
	base := startLab(t)
	a, err := logship.Start(context.Background(), base.inst, logship.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Stop)
	l := serveAgain(t, base, Config{Password: testPassword, Procedures: logship.Procedures(), Agent: a})
	db := l.open(t, "master")
	rs := mssql.ReturnStatus(-1)
	if _, err := db.Exec("sp_who2", &rs); err != nil || rs != 0 {
		t.Fatalf("sp_who2 by RPC: status %d, %v", rs, err)
	}
	var id mssql.UniqueIdentifier
	rs = -1
	_, err = db.Exec("msdb.dbo.sp_add_job", sql.Named("job_name", "LSBackup_pchat"),
		sql.Named("job_id", sql.Out{Dest: &id}), &rs)
	if err != nil || rs != 0 || id == (mssql.UniqueIdentifier{}) {
		t.Fatalf("msdb.dbo.sp_add_job by RPC: status %d, job_id %v, %v", rs, id, err)
	}
	var name string
	if err := db.QueryRow("SELECT name FROM msdb.dbo.sysjobs WHERE job_id = @p1", id).Scan(&name); err != nil ||
		name != "LSBackup_pchat" {
		t.Fatalf("the job sp_add_job returned: %q, %v", name, err)
	}
	_, err = db.Exec("msdb.dbo.sp_add_job", sql.Named("job_name", "LSBackup_pchat"), &rs)
	if sqlErrNumber(err) != 14261 {
		t.Fatalf("a second job of the same name: %v", err)
	}
	rs = -1
	_, err = db.Exec("msdb.dbo.sp_add_job", sql.Named("no_such_parameter", 1), &rs)
	if sqlErrNumber(err) != 8145 || rs == 1 {
		t.Fatalf("a call that binds no procedure: status %d, %v", rs, err)
	}
}
