package tds

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// ErrServerClosed is returned by Serve after Close or Shutdown.
var ErrServerClosed = errors.New("tds: server closed")

// Server defaults.
const (
	defaultVersion      = 0x10000FA0 // 16.0.4000
	defaultLoginTimeout = 30 * time.Second
)

// Server is a TDS 7.4 server that hands SQL work to a Handler.
type Server struct {
	cfg Config
	h   Handler

	tlsOnce   sync.Once
	tls       *tls.Config // TLS inside PRELOGIN packets (TDS 7.x)
	tlsStrict *tls.Config // TLS before PRELOGIN (TDS 8.0)
	tlsErr    error

	ctx      context.Context
	cancel   context.CancelFunc
	nextSPID atomic.Uint32
	wg       sync.WaitGroup

	unauthenticated atomic.Int32 // connections before the end of LOGIN7

	mu        sync.Mutex
	closed    bool
	listeners map[net.Listener]struct{}
	conns     map[net.Conn]struct{}
}

// NewServer returns a server for h; cfg's zero fields take defaults.
func NewServer(cfg Config, h Handler) *Server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, h: h, ctx: ctx, cancel: cancel,
		listeners: map[net.Listener]struct{}{}, conns: map[net.Conn]struct{}{}}
	s.nextSPID.Store(50)
	return s
}

// Serve accepts connections on l until l fails or the server closes.
func (s *Server) Serve(l net.Listener) error {
	if !track(s, l, s.listeners) {
		return ErrServerClosed
	}
	defer untrack(s, l, s.listeners)
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			return err
		}
		go func() { _ = s.ServeConn(s.ctx, nc) }()
	}
}

// ServeConn serves one connection and returns when it ends. It closes nc.
func (s *Server) ServeConn(ctx context.Context, nc net.Conn) error {
	loggedIn := s.admit(nc)
	if loggedIn == nil {
		nc.Close()
		return errTooManyUnauthenticated
	}
	defer loggedIn()
	if !s.addConn(nc) {
		nc.Close()
		return ErrServerClosed
	}
	defer s.wg.Done()
	defer untrack(s, nc, s.conns)
	defer nc.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	c := newConn(s, nc, uint16(s.nextSPID.Add(1)))
	c.loggedIn = loggedIn
	err := c.serve(ctx)
	if err != nil && !errors.Is(err, io.EOF) && !s.isClosed() {
		s.logf("tds: connection %d from %s: %v", c.spid, nc.RemoteAddr(), err)
	}
	return err
}

// Close stops listening, cancels running requests, closes every
// connection and waits for their goroutines.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for l := range s.listeners {
		l.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	return nil
}

// Shutdown stops listening and waits for open connections to end by
// themselves until ctx is done, then closes the rest.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	for l := range s.listeners {
		l.Close()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.Close()
		return ctx.Err()
	}
}

func track[K comparable](s *Server, k K, m map[K]struct{}) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	m[k] = struct{}{}
	return true
}

// addConn registers nc and counts it in wg, unless the server is closed.
func (s *Server) addConn(nc net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[nc] = struct{}{}
	s.wg.Add(1)
	return true
}

func untrack[K comparable](s *Server, k K, m map[K]struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(m, k)
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// tlsConfig returns Config.TLS or a generated self-signed configuration,
// prepared for TDS 7.x or, with strict, TDS 8.0.
func (s *Server) tlsConfig(strict bool) (*tls.Config, error) {
	s.tlsOnce.Do(func() {
		cfg := s.cfg.TLS
		if cfg == nil {
			cfg, s.tlsErr = selfSignedTLS(s.serverName())
		}
		if s.tlsErr == nil {
			s.tls, s.tlsStrict = serverTLS(cfg, false), serverTLS(cfg, true)
		}
	})
	if strict {
		return s.tlsStrict, s.tlsErr
	}
	return s.tls, s.tlsErr
}

func (s *Server) serverName() string {
	if s.cfg.ServerName != "" {
		return s.cfg.ServerName
	}
	return "localhost"
}

func (s *Server) version() uint32 {
	if s.cfg.Version != 0 {
		return s.cfg.Version
	}
	return defaultVersion
}

func (s *Server) loginTimeout() time.Duration {
	if s.cfg.LoginTimeout > 0 {
		return s.cfg.LoginTimeout
	}
	return defaultLoginTimeout
}

func (s *Server) maxPacketSize() int {
	if s.cfg.PacketSize >= minPacketSize && s.cfg.PacketSize <= maxPacketSize {
		return s.cfg.PacketSize
	}
	return maxPacketSize
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Logf != nil {
		s.cfg.Logf(format, args...)
	}
}
