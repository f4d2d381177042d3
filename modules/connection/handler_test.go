package connection

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"

	"pcsh/modules/connection/ssrp"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
)

// cannedHandler is a tiny engine: it accepts one login and answers a
// fixed set of batches, after go-mssqldb's and lab/tds's own fakes.
type cannedHandler struct {
	name     string
	user     string
	password string
	mirror   bool // the database "mgc" is a mirror here: login to it fails with 954

	mu      sync.Mutex
	logins  []tds.LoginInfo
	batches []string
	params  [][]tds.Param
	fail    map[string][]*sqltype.Error // batch → errors raised, popped one per run
}

func (h *cannedHandler) Login(_ context.Context, info tds.LoginInfo) (tds.Session, error) {
	h.mu.Lock()
	h.logins = append(h.logins, info)
	h.mu.Unlock()
	if info.UserName != h.user || info.Password != h.password {
		return nil, &sqltype.Error{Number: 18456, Class: 14, State: 1, ServerName: h.name,
			Message: fmt.Sprintf("Login failed for user '%s'.", info.UserName)}
	}
	if h.mirror && strings.EqualFold(info.Database, "mgc") {
		return nil, &sqltype.Error{Number: 954, Class: 14, State: 1, ServerName: h.name,
			Message: `The database "mgc" cannot be opened. It is acting as a mirror database.`}
	}
	return &cannedSession{h: h}, nil
}

type cannedSession struct{ h *cannedHandler }

func (s *cannedSession) Reset() {}
func (s *cannedSession) Close() {}

func (s *cannedSession) RPC(ctx context.Context, proc string, params []tds.Param, w tds.ResultWriter) error {
	if strings.EqualFold(proc, "sp_executesql") {
		s.h.mu.Lock()
		s.h.params = append(s.h.params, params)
		s.h.mu.Unlock()
		return s.Batch(ctx, params[0].Value.(string), w)
	}
	return s.Batch(ctx, proc, w)
}

func (s *cannedSession) Batch(ctx context.Context, q string, w tds.ResultWriter) error {
	s.h.mu.Lock()
	s.h.batches = append(s.h.batches, q)
	if errs := s.h.fail[q]; len(errs) > 0 {
		s.h.fail[q] = errs[1:]
		s.h.mu.Unlock()
		return errs[0]
	}
	s.h.mu.Unlock()
	switch {
	case strings.HasPrefix(q, "SELECT @@SERVERNAME"):
		return oneRow(w, []sqltype.Column{{Name: "server", Type: sqltype.TypeNVarChar, Length: 128}}, s.h.name)
	case strings.HasPrefix(q, "RESTORE"):
		return restore(w)
	case strings.HasPrefix(q, "SELECT name FROM sys.databases WHERE name = @name"):
		return oneRow(w, []sqltype.Column{{Name: "name", Type: sqltype.TypeNVarChar, Length: 128}}, "mgc")
	case q == "SELECT 1":
		return oneRow(w, []sqltype.Column{{Name: "", Type: sqltype.TypeInt}}, int64(1))
	case strings.HasPrefix(q, "BACKUP FAIL"):
		if err := w.Error(&sqltype.Error{Number: 4305, Class: 16, State: 1, ServerName: s.h.name, LineNo: 1,
			Message: "The log in this backup set begins at LSN 42, which is too recent to apply to the database."}); err != nil {
			return err
		}
		return &sqltype.Error{Number: 3013, Class: 16, State: 1, ServerName: s.h.name, LineNo: 1,
			Message: "RESTORE LOG is terminating abnormally."}
	}
	return &sqltype.Error{Number: 2812, Class: 16, State: 62, ServerName: s.h.name,
		Message: "Could not find stored procedure '" + q + "'."}
}

func oneRow(w tds.ResultWriter, cols []sqltype.Column, vals ...any) error {
	if err := w.Columns(cols); err != nil {
		return err
	}
	if err := w.Row(vals); err != nil {
		return err
	}
	return w.Done(1)
}

// restore sends WITH STATS progress and a closing message, as RESTORE does.
func restore(w tds.ResultWriter) error {
	for _, p := range []int{10, 50, 100} {
		if err := w.Info(&sqltype.Error{Number: 3211, Class: 10, Message: fmt.Sprintf("%d percent processed.", p)}); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if err := w.Info(&sqltype.Error{Number: 3014, Class: 10, Message: "RESTORE DATABASE successfully processed 330 pages."}); err != nil {
		return err
	}
	return w.Done(-1)
}

// netDialer routes "host:port" addresses to in-memory servers, and
// refuses the rest as a dead host would. It implements go-mssqldb's
// HostDialer so lab host names need no DNS.
type netDialer struct {
	mu      sync.Mutex
	servers map[string]*tds.Server
	dials   []string
	refuse  int             // refuse this many dials first (a flaky network)
	hang    map[string]bool // addresses whose dial never completes
	silent  map[string]bool // addresses behind a partition: connections, live or new, go silent
	// browsers answer SSRP on HOST:1434 ("udp" dials).
	browsers map[string]*ssrp.Responder
}

// browse registers a SQL Server Browser on host announcing instance→port.
func (d *netDialer) browse(host string, ports map[string]int) {
	var all []ssrp.Instance
	for name, port := range ports {
		all = append(all, ssrp.Instance{ServerName: strings.ToUpper(host), InstanceName: name, Version: "11.0.7001.0", TCPPort: port})
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.browsers == nil {
		d.browsers = map[string]*ssrp.Responder{}
	}
	d.browsers[net.JoinHostPort(host, "1434")] = &ssrp.Responder{Instances: func() []ssrp.Instance { return all }}
}

// dialBrowser connects a datagram-like pipe to the Browser at addr.
func (d *netDialer) dialBrowser(addr string) (net.Conn, error) {
	d.mu.Lock()
	r, ok := d.browsers[addr]
	d.mu.Unlock()
	if !ok {
		return nil, &net.OpError{Op: "read", Net: "udp", Err: syscall.ECONNREFUSED}
	}
	client, server := net.Pipe()
	go func() {
		buf := make([]byte, 2048)
		for {
			n, err := server.Read(buf)
			if err != nil {
				return
			}
			if reply := r.Answer(buf[:n], server.RemoteAddr()); reply != nil {
				_, _ = server.Write(reply)
			}
		}
	}()
	return client, nil
}

func (d *netDialer) HostName() string { return "" }

func (d *netDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if network == "udp" {
		return d.dialBrowser(addr)
	}
	d.mu.Lock()
	d.dials = append(d.dials, addr)
	srv, ok := d.servers[addr]
	if d.hang[addr] {
		d.mu.Unlock()
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if d.refuse > 0 {
		d.refuse--
		ok = false
	}
	d.mu.Unlock()
	if !ok {
		return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("connection refused")}
	}
	c, err := tds.PipeDialer{Server: srv}.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &blackholeConn{Conn: c, cut: func() bool { return d.isSilent(addr) }, closed: make(chan struct{})}, nil
}

// partition makes addr silent (on) or answer again (off).
func (d *netDialer) partition(addr string, on bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.silent == nil {
		d.silent = map[string]bool{}
	}
	d.silent[addr] = on
}

func (d *netDialer) isSilent(addr string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.silent[addr]
}

// blackholeConn is the client's end of a connection across a partition,
// as the lab's fault listener makes it: while cut, writes vanish and reads
// wait (nothing arrives, no reset) until the connection is closed.
type blackholeConn struct {
	net.Conn
	cut    func() bool
	once   sync.Once
	closed chan struct{}
}

func (c *blackholeConn) Read(p []byte) (int, error) {
	if c.cut() {
		<-c.closed
		return 0, net.ErrClosed
	}
	return c.Conn.Read(p)
}

func (c *blackholeConn) Write(p []byte) (int, error) {
	if c.cut() {
		return len(p), nil
	}
	return c.Conn.Write(p)
}

func (c *blackholeConn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

// serve registers a server for h at addr and closes it with the test.
func (d *netDialer) serve(t *testing.T, addr string, h *cannedHandler) {
	t.Helper()
	srv := tds.NewServer(tds.Config{ServerName: h.name}, h)
	t.Cleanup(func() { srv.Close() })
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.servers == nil {
		d.servers = map[string]*tds.Server{}
	}
	d.servers[addr] = srv
}

type tdsSQLError = sqltype.Error

var tdsErr1205 = sqltype.Error{Number: 1205, Class: 13, State: 51, ServerName: "DC1-SQL1",
	Message: "Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction."}
