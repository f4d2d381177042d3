// Package labtest starts in-process lab instances for other packages'
// tests: an engine instance in a temporary directory, the executor, and
// the TDS server on a loopback port, closed when the test ends.
package labtest

import (
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"testing"

	_ "github.com/microsoft/go-mssqldb" // the driver every lab test speaks through

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	"pcsh/modules/lab/tds"
)

// Password is the sa password of test instances.
const Password = "Test-Lab-Pw-1"

// Instance is a running test instance.
type Instance struct {
	Engine *engine.Instance
	Addr   string // host:port
	Dir    string // data directory
}

// Start opens an instance named name and serves it on 127.0.0.1.
func Start(t testing.TB, name string) *Instance {
	t.Helper()
	return StartAt(t, name, "127.0.0.1:0")
}

// StartAt serves the instance on addr (for example 127.0.0.3:0).
func StartAt(t testing.TB, name, addr string) *Instance {
	t.Helper()
	dir := t.TempDir()
	inst, err := engine.Open(engine.Options{Name: name, Dir: dir, Logins: map[string]string{"sa": Password}})
	if err != nil {
		t.Fatal(err)
	}
	h := exec.New(inst, exec.Config{Password: Password})
	l, err := net.Listen("tcp", addr)
	if err != nil {
		inst.Close()
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	srv := tds.NewServer(tds.Config{ServerName: inst.Name(), Version: h.TDSVersion()}, h)
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() {
		srv.Close()
		inst.Close()
	})
	return &Instance{Engine: inst, Addr: l.Addr().String(), Dir: dir}
}

// DSN returns a go-mssqldb URL for the instance and database.
func (i *Instance) DSN(database string) string {
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword("sa", Password), Host: i.Addr,
		RawQuery: url.Values{"database": {database}, "encrypt": {"disable"}}.Encode()}
	return u.String()
}

// Open returns a database/sql pool on the instance, closed at test end.
func (i *Instance) Open(t testing.TB, database string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlserver", i.DSN(database))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// MustExec runs a statement and fails the test on error.
func MustExec(t testing.TB, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", query, err))
	}
}
