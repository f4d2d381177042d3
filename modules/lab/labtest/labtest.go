// Package labtest starts in-process lab instances for other packages'
// tests: an engine instance in a temporary directory, the executor, and
// the TDS server on a loopback port, closed when the test ends. With
// Options.Agent the instance also runs SQL Server Agent with the log
// shipping procedures, tables and job runners, as `pcsh lab serve` does.
package labtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb" // the driver every lab test speaks through

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	"pcsh/modules/lab/logship"
	"pcsh/modules/lab/tds"
)

// Password is the sa password of test instances.
const Password = "Test-Lab-Pw-1"

// Instance is a running test instance.
type Instance struct {
	Engine *engine.Instance
	Agent  *agent.Agent // nil unless started with Options.Agent
	Addr   string       // host:port
	Dir    string       // data directory
}

// Options configure StartWith.
type Options struct {
	// Addr is the listen address; "" means 127.0.0.1:0.
	Addr string
	// Agent starts SQL Server Agent (logship.Start) with the msdb log
	// shipping tables, and serves the log shipping procedures.
	Agent bool
	// Logship configures that Agent (clock, share map, fault checks).
	Logship logship.Options
	// Latency is added once to every request and response exchange (the
	// first write after a read waits it), as a network round trip would
	// cost; 0 leaves the loopback's.
	Latency time.Duration
}

// Start opens an instance named name and serves it on 127.0.0.1.
func Start(t testing.TB, name string) *Instance {
	t.Helper()
	return StartWith(t, name, Options{})
}

// StartAt serves the instance on addr (for example 127.0.0.3:0).
func StartAt(t testing.TB, name, addr string) *Instance {
	t.Helper()
	return StartWith(t, name, Options{Addr: addr})
}

// StartWithAgent is Start with a running SQL Server Agent and the log
// shipping procedures.
func StartWithAgent(t testing.TB, name string) *Instance {
	t.Helper()
	return StartWith(t, name, Options{Agent: true})
}

// StartWith opens an instance named name as o says and serves it; the
// server, Agent and engine are closed when the test ends.
func StartWith(t testing.TB, name string, o Options) *Instance {
	t.Helper()
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	dir := t.TempDir()
	inst, err := engine.Open(engine.Options{Name: name, Dir: dir, Now: o.Logship.Now, Logins: map[string]string{"sa": Password}})
	if err != nil {
		t.Fatal(err)
	}
	i := &Instance{Engine: inst, Dir: dir}
	t.Cleanup(func() { inst.Close() })
	cfg := exec.Config{Password: Password, Now: o.Logship.Now}
	if o.Agent {
		i.Agent = startAgent(t, inst, o.Logship)
		cfg.Procedures, cfg.Agent = logship.Procedures(), i.Agent
	}
	i.Addr = serve(t, inst, cfg, o.Addr, o.Latency)
	return i
}

// startAgent starts the instance's SQL Server Agent, stopped at test end
// (before the engine closes).
func startAgent(t testing.TB, inst *engine.Instance, o logship.Options) *agent.Agent {
	t.Helper()
	a, err := logship.Start(context.Background(), inst, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Stop)
	return a
}

// serve listens on addr and serves inst through the executor, each
// exchange delayed by latency; it returns the address listened on and
// closes the server at test end.
func serve(t testing.TB, inst *engine.Instance, cfg exec.Config, addr string, latency time.Duration) string {
	t.Helper()
	h := exec.New(inst, cfg)
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	srv := tds.NewServer(tds.Config{ServerName: inst.Name(), Version: h.TDSVersion()}, h)
	go func() { _ = srv.Serve(withLatency(l, latency)) }()
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
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

// latencyListener accepts connections that add a round trip's latency.
type latencyListener struct {
	net.Listener
	d time.Duration
}

// withLatency wraps l when d > 0.
func withLatency(l net.Listener, d time.Duration) net.Listener {
	if d <= 0 {
		return l
	}
	return latencyListener{Listener: l, d: d}
}

// Accept wraps the accepted connection.
func (l latencyListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &latencyConn{Conn: c, d: l.d}, nil
}

// latencyConn delays the first write after a read by d: one request and
// its response cost one round trip of d.
type latencyConn struct {
	net.Conn
	d       time.Duration
	pending atomic.Bool
}

// Read reads and marks a response as due.
func (c *latencyConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.pending.Store(true)
	}
	return n, err
}

// Write waits the round trip before the first write of a response.
func (c *latencyConn) Write(p []byte) (int, error) {
	if c.pending.Swap(false) {
		time.Sleep(c.d)
	}
	return c.Conn.Write(p)
}
