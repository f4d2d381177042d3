package connection

import (
	"errors"
	"net"
	"testing"
	"time"

	"pcsh/modules/lab/tds"
	"pcsh/runtime/cmdlet"
)

// TestPooledConnectionOfADeadServer: a query on an instance that died
// since its pooled connection was last used fails at once as a failure to
// connect, not after the command timeout (go-mssqldb's message-queue mode
// does not see the connection's end by itself). The instance listens on
// loopback TCP, so its end closes as a killed process's does.
func TestPooledConnectionOfADeadServer(t *testing.T) {
	f := newFixture(t)
	f.m.Dialer = nil // the network
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := tds.NewServer(tds.Config{ServerName: "DC1-SQL1"}, &cannedHandler{name: "DC1-SQL1", user: "sa", password: labPW})
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close() })
	port := l.Addr().(*net.TCPAddr).Port
	f.m.AddResolver(MapResolver{"dc1-sql1": {Host: "dc1-sql1.lab.local", Address: "127.0.0.1", Port: port, TrustServerCertificate: true}})
	f.env[PasswordEnv], f.env[UserEnv] = labPW, "sa"
	ctx := f.ctx(nil)
	c, err := Open(ctx, "dc1-sql1", Options{Database: "master", CommandTimeout: time.Minute, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(ctx, "SELECT @@SERVERNAME"); err != nil {
		t.Fatal(err)
	}
	_ = srv.Close() // the instance dies: its connections end, new ones are refused

	done := make(chan error, 1)
	go func() { _, err := c.Query(ctx, "SELECT @@SERVERNAME"); done <- err }()
	var rec *cmdlet.ErrorRecord
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the query on a dead pooled connection waited for the command timeout")
	}
	if !errors.As(err, &rec) || rec.ErrorID != "SqlConnectionFailed" {
		t.Fatalf("err = %v (%+v), want a failure to connect", err, rec)
	}
}
