package connection

import (
	"context"
	"net"
	"sync"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// socket is a TCP connection a pool's dialer opened. go-mssqldb reads it
// without deadlines and stops watching a context once a read has begun
// (the PRELOGIN answer, a statement's response), so a server gone silent
// behind a partition would hold the caller until the operating system
// gives up on the connection, minutes later. Closing the socket is the one
// way to end such a read; the login and command watchdogs do it when a
// documented timeout has passed.
type socket struct {
	net.Conn
	once sync.Once
	reg  *sockets
}

// Close forgets the socket and closes it.
func (s *socket) Close() error {
	s.once.Do(func() { s.reg.forget(s) })
	return s.Conn.Close()
}

// sockets maps the driver connections of the manager's pools to their
// sockets, so a statement on a pooled connection can be watched.
type sockets struct {
	mu     sync.Mutex
	byConn map[any]*socket
	keys   map[*socket]any
}

// bind records that the driver connection dc runs over s.
func (r *sockets) bind(dc any, s *socket) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byConn == nil {
		r.byConn, r.keys = map[any]*socket{}, map[*socket]any{}
	}
	r.byConn[dc], r.keys[s] = s, dc
}

// of returns the socket of the driver connection dc, or nil.
func (r *sockets) of(dc any) *socket {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byConn[dc]
}

// forget drops a closed socket.
func (r *sockets) forget(s *socket) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if dc, ok := r.keys[s]; ok {
		delete(r.byConn, dc)
		delete(r.keys, s)
	}
}

// len returns how many sockets are bound.
func (r *sockets) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byConn)
}

// dialSlot collects the sockets one connect opens (a redirect can open
// more than one; the last is the one in use), so the login watchdog can
// close them.
type dialSlot struct {
	mu      sync.Mutex
	opened  []*socket
	aborted bool
}

// slotKey is the context key under which a connect carries its slot.
type slotKey struct{}

// add records a socket the connect opened; after abort it is closed at once.
func (d *dialSlot) add(s *socket) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.opened = append(d.opened, s)
	if d.aborted {
		s.Close()
	}
}

// abort closes every socket the connect opened, ending its reads.
func (d *dialSlot) abort() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.aborted = true
	for _, s := range d.opened {
		s.Close()
	}
}

// last returns the newest socket, or nil when the connect dialled none
// (the pool had an idle connection).
func (d *dialSlot) last() *socket {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.opened) == 0 {
		return nil
	}
	return d.opened[len(d.opened)-1]
}

// watchingDialer wraps a pool's dialer: every TCP connection it opens is
// a socket, handed to the slot of the connect that asked for it.
type watchingDialer struct {
	inner mssql.Dialer
	reg   *sockets
}

// DialContext dials through the inner dialer and wraps TCP connections.
func (d watchingDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.inner.DialContext(ctx, network, addr)
	if err != nil || network != "tcp" {
		return c, err
	}
	s := &socket{Conn: c, reg: d.reg}
	if slot, ok := ctx.Value(slotKey{}).(*dialSlot); ok {
		slot.add(s)
	}
	return s, nil
}

// watchingHostDialer is a watchingDialer over a dialer that resolves host
// names itself (mssql.HostDialer), which the driver must still see.
type watchingHostDialer struct {
	watchingDialer
	host mssql.HostDialer
}

// HostName returns the inner dialer's host name.
func (d watchingHostDialer) HostName() string { return d.host.HostName() }

// watchDialer wraps inner (nil: the network, with go-mssqldb's keepalive
// for the pool's DSN) so its sockets can be closed.
func watchDialer(inner mssql.Dialer, keepAlive time.Duration, reg *sockets) mssql.Dialer {
	if inner == nil {
		if keepAlive == 0 {
			keepAlive = 30 * time.Second // go-mssqldb's default
		}
		inner = &net.Dialer{KeepAlive: keepAlive}
	}
	w := watchingDialer{inner: inner, reg: reg}
	if h, ok := inner.(mssql.HostDialer); ok {
		return watchingHostDialer{watchingDialer: w, host: h}
	}
	return w
}
