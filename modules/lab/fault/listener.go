package fault

import (
	"net"
	"sync"
	"time"
)

// Listener enforces the plan on an instance's listener: connections from
// sources the plan cuts off are closed on accept, live ones are closed
// when a new plan cuts them, and a slow plan delays every write.
type Listener struct {
	net.Listener
	w *Watcher

	mu    sync.Mutex
	conns map[*conn]struct{}
}

// Listen wraps l with the watcher's plan.
func Listen(l net.Listener, w *Watcher) *Listener {
	fl := &Listener{Listener: l, w: w, conns: map[*conn]struct{}{}}
	w.OnChange(fl.enforce)
	return fl
}

// Accept returns the next connection the plan allows.
func (l *Listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if !l.w.Allowed(c.RemoteAddr().String()) {
			_ = c.Close()
			continue
		}
		fc := &conn{Conn: c, w: l.w, l: l}
		l.mu.Lock()
		l.conns[fc] = struct{}{}
		l.mu.Unlock()
		return fc, nil
	}
}

// enforce closes live connections the current plan cuts.
func (l *Listener) enforce() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.conns {
		if !l.w.Allowed(c.RemoteAddr().String()) {
			_ = c.Conn.Close()
			delete(l.conns, c)
		}
	}
}

// conn is an accepted connection under the plan.
type conn struct {
	net.Conn
	w *Watcher
	l *Listener
}

// Write delays by the plan's latency to the peer, then writes.
func (c *conn) Write(p []byte) (int, error) {
	if d := c.w.Delay(c.RemoteAddr().String()); d > 0 {
		time.Sleep(d)
	}
	return c.Conn.Write(p)
}

// Close forgets the connection and closes it.
func (c *conn) Close() error {
	c.l.mu.Lock()
	delete(c.l.conns, c)
	c.l.mu.Unlock()
	return c.Conn.Close()
}

// Dialer returns a dialer that dials from the instance's own address, so
// the receiving instance can tell which site the traffic comes from.
func Dialer(self Member, timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(self.Address)}}
}
