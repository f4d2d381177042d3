package exec

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/logship"
	"pcsh/modules/lab/mirror"
	"pcsh/modules/lab/principals"
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
	return serveLab(t, inst, dir, Config{Password: testPassword}, func() {})
}

// serveLab serves inst through an executor with cfg on 127.0.0.1; at
// test end it closes the server, calls stop, then closes the engine.
func serveLab(t testing.TB, inst *engine.Instance, dir string, cfg Config, stop func()) *lab {
	t.Helper()
	h := New(inst, cfg)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stop()
		inst.Close()
		t.Fatal(err)
	}
	srv := tds.NewServer(tds.Config{ServerName: inst.Name(), Version: h.TDSVersion(), Logf: t.Logf}, h)
	go srv.Serve(l)
	t.Cleanup(func() {
		srv.Close()
		stop()
		inst.Close()
	})
	return &lab{inst: inst, h: h, port: l.Addr().(*net.TCPAddr).Port, dir: dir}
}

// startMirroredLab opens an instance named name with a database
// mirroring server (endpoint on 127.0.0.1, pings every 100 ms) and, with
// agent, SQL Server Agent and the log shipping procedures, and serves it;
// mirroring and Agent stop before the engine closes.
func startMirroredLab(t testing.TB, name string, agent bool) (*lab, *mirror.Server) {
	t.Helper()
	dir := t.TempDir()
	inst, err := engine.Open(engine.Options{Name: name, Dir: dir, Logins: map[string]string{"sa": testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	var done atomic.Bool // the mirroring goroutines may log after the test ends
	logf := func(format string, args ...any) {
		if !done.Load() {
			t.Logf(name+": "+format, args...)
		}
	}
	m, err := mirror.New(mirror.Config{Instance: inst, ServerName: name, PingInterval: 100 * time.Millisecond,
		DialTimeout: time.Second, Logf: logf})
	if err != nil {
		inst.Close()
		t.Fatal(err)
	}
	logins, err := principals.Open(inst)
	if err != nil {
		m.Close()
		inst.Close()
		t.Fatal(err)
	}
	cfg := Config{Password: testPassword, Mirror: m, Principals: logins}
	stop := func() { done.Store(true); m.Close() }
	if agent {
		a, err := logship.Start(context.Background(), inst, logship.Options{})
		if err != nil {
			m.Close()
			inst.Close()
			t.Fatal(err)
		}
		cfg.Procedures, cfg.Agent = logship.Procedures(), a
		stop = func() { done.Store(true); a.Stop(); m.Close() }
	}
	return serveLab(t, inst, dir, cfg, stop), m
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

// moveCopy is the WITH MOVE list that restores a backup of database from
// as a copy named to on the same instance, away from from's files (SQL
// Server refuses the files in use with 1834, 3156 and 3119).
func moveCopy(from, to string) string {
	return ", MOVE '" + from + "' TO '" + to + ".mdf', MOVE '" + from + "_log' TO '" + to + "_log.ldf'"
}
