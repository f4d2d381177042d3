package tds

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// conn is one client connection: login, then a loop that reads requests
// and attention signals while at most one request runs.
type conn struct {
	srv        *Server
	raw        net.Conn
	pr         packetReader
	out        io.Writer
	packetSize int
	spid       uint16
	login      LoginInfo
	sess       Session
	database   string
	tranID     uint64
	loggedIn   func() // ends the server's count of connections not logged in

	mu     sync.Mutex // guards active and the end of every reply
	active *request
	work   chan *request // requests for the worker goroutine
}

// request is the running request, cancelled by an attention.
type request struct {
	ctx    context.Context
	cancel context.CancelFunc
	msg    message
	done   chan struct{}
	attn   bool
}

func newConn(s *Server, nc net.Conn, spid uint16) *conn {
	return &conn{srv: s, raw: nc, pr: packetReader{r: nc, limit: maxLoginMessageSize}, out: nc,
		packetSize: minPacketSize, spid: spid, loggedIn: func() {}}
}

// serve runs the connection until the client leaves or ctx ends.
func (c *conn) serve(ctx context.Context) error {
	_ = c.raw.SetDeadline(time.Now().Add(c.srv.loginTimeout()))
	err := c.handshake(ctx)
	c.loggedIn()
	if err != nil {
		return c.handshakeError(err)
	}
	_ = c.raw.SetDeadline(time.Time{})
	c.pr.limit = 0
	defer c.sess.Close()
	// After login nothing reads the connection but the packet reader, so
	// it can buffer: one read system call per request instead of two per
	// packet (header, then payload).
	c.pr.r = bufio.NewReaderSize(c.pr.r, maxPacketSize+headerSize)
	c.work = make(chan *request)
	go c.worker()
	err = c.loop(ctx)
	c.stopActive()
	close(c.work)
	return err
}

// worker runs the connection's requests one at a time. It lives as long
// as the connection, so its stack, grown by the first request, is not
// grown again for every request that follows.
func (c *conn) worker() {
	for req := range c.work {
		c.run(req.ctx, req, req.msg)
		req.cancel()
		close(req.done)
	}
}

// loop reads messages until the connection fails.
func (c *conn) loop(ctx context.Context) error {
	for {
		c.setIdleDeadline()
		m, err := c.pr.readMessage()
		if err != nil {
			return err
		}
		switch m.typ {
		case packetAttention:
			if err := c.attention(); err != nil {
				return err
			}
		case packetSQLBatch, packetRPC, packetTransMgr:
			c.waitActive()
			c.start(ctx, m)
		default:
			return fmt.Errorf("tds: unexpected packet type %#x after login", m.typ)
		}
	}
}

// setIdleDeadline applies Config.IdleTimeout while no request runs; a
// running request may take as long as it needs.
func (c *conn) setIdleDeadline() {
	var d time.Time
	c.mu.Lock()
	if c.active == nil && c.srv.cfg.IdleTimeout > 0 {
		d = time.Now().Add(c.srv.cfg.IdleTimeout)
	}
	c.mu.Unlock()
	_ = c.raw.SetReadDeadline(d)
}

// start hands m to the worker so the loop keeps reading attentions.
func (c *conn) start(ctx context.Context, m message) {
	rctx, cancel := context.WithCancel(ctx)
	req := &request{ctx: rctx, cancel: cancel, msg: m, done: make(chan struct{})}
	c.mu.Lock()
	c.active = req
	c.mu.Unlock()
	c.work <- req
}

// attention cancels the running request, whose reply then ends with
// DONE_ATTN; with none running it answers with a lone DONE_ATTN.
func (c *conn) attention() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.active; r != nil {
		r.attn = true
		r.cancel()
		return nil
	}
	var e encoder
	writeDone(&e, tokenDone, doneAttn, 0, 0)
	return c.writePackets(e.b, true)
}

func (c *conn) current() *request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.active
}

// waitActive blocks until the running request, if any, has replied.
func (c *conn) waitActive() {
	if r := c.current(); r != nil {
		<-r.done
	}
}

// stopActive cancels the running request and waits for it.
func (c *conn) stopActive() {
	if r := c.current(); r != nil {
		r.cancel()
		<-r.done
	}
}

// writePackets sends payload as packets of the negotiated size; final
// marks the last one EOM.
func (c *conn) writePackets(payload []byte, final bool) error {
	_, err := c.out.Write(appendPackets(nil, packetReply, payload, c.packetSize, final))
	return err
}

// errAborted reports a handler error that is not a *SQLError: the
// connection is closed.
var errAborted = errors.New("tds: handler failed; closing connection")
