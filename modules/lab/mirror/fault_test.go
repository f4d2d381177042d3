package mirror

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"time"
)

// faultConn is a dialed link the test can slow down or silence.
type faultConn struct {
	net.Conn
	d      *faultDialer
	silent atomic.Bool
}

// Write delays (a slow WAN link) or drops (a silent partition) data.
func (c *faultConn) Write(p []byte) (int, error) {
	c.d.mu.Lock()
	delay := c.d.delay
	c.d.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if c.silent.Load() {
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// Read discards what arrives while the link is silent.
func (c *faultConn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if err != nil || !c.silent.Load() {
			return n, err
		}
	}
}

var errBlocked = errors.New("fault: link blocked")

// DialContext dials unless the link is blocked.
func (d *faultDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	blocked := d.blocked
	d.mu.Unlock()
	if blocked {
		return nil, errBlocked
	}
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	fc := &faultConn{Conn: c, d: d}
	d.mu.Lock()
	d.conns = append(d.conns, fc)
	d.mu.Unlock()
	return fc, nil
}

// cut drops every link and refuses new ones (a hard partition).
func (d *faultDialer) cut() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.blocked = true
	for _, c := range d.conns {
		_ = c.Close()
	}
	d.conns = nil
}

// silence makes the current links drop everything without closing (a
// soft partition: only TIMEOUT notices) and refuses new ones.
func (d *faultDialer) silence() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.blocked = true
	for _, c := range d.conns {
		c.silent.Store(true)
	}
}

// heal lets links through again.
func (d *faultDialer) heal() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.blocked = false
	for _, c := range d.conns {
		_ = c.Close()
	}
	d.conns = nil
}

// slow delays every write by delay.
func (d *faultDialer) slow(delay time.Duration) {
	d.mu.Lock()
	d.delay = delay
	d.mu.Unlock()
}
