package fault

import (
	"errors"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// ErrTimedOut is what a connection cut by a partition reports once the
// partition heals: its stream lost bytes, so it is dead, as a TCP
// retransmission timeout would leave it.
var ErrTimedOut = errors.New("connection timed out (cut by a partition)")

// Listener enforces the plan on an instance's listener as a network
// blackhole: a connection from a source the plan cuts off, live or new,
// accepts writes and discards them and delivers nothing to reads until
// its owner closes it; when the partition heals it is closed
// (ErrTimedOut). A slow plan delays every write.
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

// Accept returns the next connection, blackholed when the plan cuts its
// source: the TCP handshake completes, nothing after it gets through.
func (l *Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	fc := &conn{Conn: c, w: l.w, l: l, done: make(chan struct{})}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.w.Allowed(c.RemoteAddr().String()) {
		fc.state.Store(stateCut)
	}
	l.conns[fc] = struct{}{}
	return fc, nil
}

// enforce blackholes live connections the current plan cuts and ends
// the cut ones it no longer cuts.
func (l *Listener) enforce() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.conns {
		allowed := l.w.Allowed(c.RemoteAddr().String())
		switch {
		case !allowed:
			c.state.CompareAndSwap(stateLive, stateCut)
		case c.state.Load() == stateCut:
			c.end(stateTimedOut)
			delete(l.conns, c)
		}
	}
}

// Connection states.
const (
	stateLive     int32 = iota
	stateCut            // blackholed by a partition
	stateTimedOut       // cut, then ended when the partition healed
	stateClosed         // closed by its owner
)

// conn is an accepted connection under the plan.
type conn struct {
	net.Conn
	w     *Watcher
	l     *Listener
	state atomic.Int32
	once  sync.Once
	done  chan struct{} // closed when the connection ends

	deadline atomic.Pointer[time.Time] // read deadline
}

// Read returns what the peer sent; while cut it drops what arrives and
// blocks until the connection ends or its read deadline passes.
func (c *conn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		switch c.state.Load() {
		case stateLive, stateClosed:
			return n, err
		case stateTimedOut:
			return 0, ErrTimedOut
		}
		if err == nil {
			continue
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return 0, err
		}
		return 0, c.wait()
	}
}

// wait blocks a cut connection whose peer went away (its FIN is lost in
// the blackhole) until it ends or its read deadline passes.
func (c *conn) wait() error {
	var expired <-chan time.Time
	if d := c.deadline.Load(); d != nil && !d.IsZero() {
		t := time.NewTimer(time.Until(*d))
		defer t.Stop()
		expired = t.C
	}
	select {
	case <-c.done:
		if c.state.Load() == stateTimedOut {
			return ErrTimedOut
		}
		return net.ErrClosed
	case <-expired:
		return os.ErrDeadlineExceeded
	}
}

// Write discards p while the connection is cut; otherwise it delays by
// the plan's latency to the peer, then writes.
func (c *conn) Write(p []byte) (int, error) {
	if c.state.Load() == stateCut {
		return len(p), nil
	}
	if d := c.w.Delay(c.RemoteAddr().String()); d > 0 {
		time.Sleep(d)
	}
	switch c.state.Load() {
	case stateCut:
		return len(p), nil
	case stateTimedOut:
		return 0, ErrTimedOut
	}
	return c.Conn.Write(p)
}

// SetDeadline sets the read and write deadlines.
func (c *conn) SetDeadline(t time.Time) error {
	c.deadline.Store(&t)
	return c.Conn.SetDeadline(t)
}

// SetReadDeadline sets the read deadline, which a cut connection honours
// too.
func (c *conn) SetReadDeadline(t time.Time) error {
	c.deadline.Store(&t)
	return c.Conn.SetReadDeadline(t)
}

// Close forgets the connection and closes it.
func (c *conn) Close() error {
	c.l.mu.Lock()
	delete(c.l.conns, c)
	c.l.mu.Unlock()
	return c.end(stateClosed)
}

// end moves the connection to its final state and closes it, once.
func (c *conn) end(state int32) error {
	err := net.ErrClosed
	c.once.Do(func() {
		c.state.Store(state)
		close(c.done)
		err = c.Conn.Close()
	})
	return err
}

// Dialer returns a dialer that dials from the instance's own address, so
// the receiving instance can tell which site the traffic comes from.
func Dialer(self Member, timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(self.Address)}}
}
