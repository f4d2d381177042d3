// Package labtest starts in-process lab instances for other packages'
// tests: the instance `pcsh lab serve` runs (sqlserver.Start: engine,
// SQL Server Agent with the log shipping jobs, database mirroring, server
// principals, executor and TDS server with the lab's certificate), with
// its data directory in a temporary directory, on a loopback port, closed
// when the test ends.
package labtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb" // the driver every lab test speaks through

	"pcsh/modules/lab/sqlserver"
	"pcsh/modules/lab/tds"
)

// Password is the sa password of test instances.
const Password = "Test-Lab-Pw-1"

// Instance is a running test instance: the production instance, its
// address and data directory.
type Instance struct {
	*sqlserver.Instance
	Addr string // host:port
	Dir  string // data directory
}

// Options configure StartWith.
type Options struct {
	// Addr is the listen address; "" means 127.0.0.1:0.
	Addr string
	// Now is the instance's clock; nil means time.Now.
	Now func() time.Time
	// BackupDirs are the directories BACKUP, RESTORE and the Agent's jobs
	// may use besides the data directory (lab serve --backup-dir).
	BackupDirs []string
	// MirrorPingInterval and MirrorDialTimeout pace database mirroring;
	// 0 keeps its defaults.
	MirrorPingInterval, MirrorDialTimeout time.Duration
	// Latency is added once to every request and response exchange (the
	// first write after a read waits it), as a network round trip would
	// cost; 0 leaves the loopback's.
	Latency time.Duration
	// SSPI verifies integrated (Kerberos) logins of Windows logins that
	// CREATE LOGIN … FROM WINDOWS made; nil refuses them with 18452.
	SSPI tds.SSPIAcceptor
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

// StartWith starts an instance named name as o says; it is closed
// (Instance.Close, as lab serve stops) when the test ends.
func StartWith(t testing.TB, name string, o Options) *Instance {
	t.Helper()
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	dir := t.TempDir()
	var closed atomic.Bool // mirroring may log while the test ends
	logf := func(format string, args ...any) {
		if !closed.Load() {
			t.Logf(format, args...)
		}
	}
	inst, err := sqlserver.Start(context.Background(), sqlserver.Config{Name: name, Data: dir, Listen: o.Addr,
		Password: Password, Now: o.Now, BackupDirs: o.BackupDirs, Environment: network{latency: o.Latency},
		MirrorPingInterval: o.MirrorPingInterval, MirrorDialTimeout: o.MirrorDialTimeout, SSPI: o.SSPI, Logf: logf})
	var listenErr *net.OpError
	if errors.As(err, &listenErr) && listenErr.Op == "listen" {
		t.Skipf("cannot listen on %s: %v", o.Addr, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		err := inst.Close()
		closed.Store(true)
		if err != nil {
			t.Error(err)
		}
	})
	return &Instance{Instance: inst, Addr: inst.Address(), Dir: dir}
}

// network is the test instance's environment: no lab, and the TDS
// listener adds Latency to every exchange.
type network struct {
	sqlserver.Direct
	latency time.Duration
}

// Listener adds the latency to the TDS listener.
func (n network) Listener(l net.Listener) net.Listener { return withLatency(l, n.latency) }

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
