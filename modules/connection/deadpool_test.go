package connection

import (
	"errors"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestPooledConnectionOfADeadServer: a query on an instance that died
// since its pooled connection was last used fails at once as a failure to
// connect, not after the command timeout (go-mssqldb's message-queue mode
// does not see the connection's end by itself).
func TestPooledConnectionOfADeadServer(t *testing.T) {
	f := newFixture(t)
	h := &cannedHandler{name: "DC1-SQL1", user: "sa", password: labPW}
	f.dialer.serve(t, "127.0.0.1:14331", h)
	f.m.AddResolver(MapResolver{"dc1-sql1": {Host: "dc1-sql1.lab.local", Address: "127.0.0.1", Port: 14331, TrustServerCertificate: true}})
	f.env[PasswordEnv], f.env[UserEnv] = labPW, "sa"
	ctx := f.ctx(nil)
	c, err := Open(ctx, "dc1-sql1", Options{Database: "master", CommandTimeout: time.Minute, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(ctx, "SELECT @@SERVERNAME"); err != nil {
		t.Fatal(err)
	}
	f.dialer.mu.Lock()
	srv := f.dialer.servers["127.0.0.1:14331"]
	delete(f.dialer.servers, "127.0.0.1:14331")
	f.dialer.mu.Unlock()
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
