package exec

import (
	"database/sql"
	"fmt"
	"net"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tds"
)

// testPassword is the sa password of the test labs.
const testPassword = "Test-Pw-1"

// lab is an in-process lab instance serving TDS on 127.0.0.1.
type lab struct {
	inst *engine.Instance
	h    *Handler
	port int
	dir  string
}

// testClock is a fixed clock for deterministic GETDATE().
func testClock() time.Time { return time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC) }

// startLab opens an instance in a temporary directory and serves it.
func startLab(t testing.TB) *lab {
	t.Helper()
	dir := t.TempDir()
	inst, err := engine.Open(engine.Options{Name: `LAB1\PCHAT`, Dir: dir, Logins: map[string]string{"sa": testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	h := New(inst, Config{Password: testPassword})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := tds.NewServer(tds.Config{ServerName: inst.Name(), Version: h.TDSVersion(), Logf: t.Logf}, h)
	go srv.Serve(l)
	t.Cleanup(func() {
		srv.Close()
		inst.Close()
	})
	return &lab{inst: inst, h: h, port: l.Addr().(*net.TCPAddr).Port, dir: dir}
}

// dsn is a go-mssqldb connection string for the lab.
func (l *lab) dsn(password, database string) string {
	return fmt.Sprintf("sqlserver://sa:%s@127.0.0.1:%d?database=%s&encrypt=disable", password, l.port, database)
}

// open returns a database/sql pool logged in as sa.
func (l *lab) open(t testing.TB, database string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlserver", l.dsn(testPassword, database))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// exec runs statements, failing the test on error.
func mustExec(t testing.TB, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
