package mirror

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/engine"
)

// ErrStopped is returned to commits waiting for the mirror when the
// mirroring server stops (the instance is being shut down or killed).
var ErrStopped = errors.New("mirror: mirroring stopped")

// Server runs database mirroring for one lab instance: its mirroring
// endpoint, the sessions of its mirrored databases (as principal or
// mirror) and the witness role it plays for other sessions.
type Server struct {
	cfg   Config
	inst  *engine.Instance
	nonce uint64

	mu       sync.Mutex
	ep       *Endpoint
	ln       net.Listener
	inbound  map[*frameConn]struct{}
	sessions map[string]*session // by lower-case database name
	stopped  bool

	wit *witnessStore
	wg  sync.WaitGroup

	connMu sync.Mutex // a leaf lock: held for nothing but conns
	conns  map[*frameConn]struct{}
}

// New starts mirroring for cfg.Instance: it restores the saved endpoint
// (listening again if it was STARTED), resumes the sessions of databases
// whose mirroring row is stored (dropping a row a restore carried), and
// registers sys.database_mirroring_
// endpoints, sys.tcp_endpoints, sys.endpoints and
// sys.database_mirroring_witnesses plus the live sys.database_mirroring
// overlay with the instance.
func New(cfg Config) (*Server, error) {
	if cfg.Instance == nil {
		return nil, errors.New("mirror: Config.Instance is required")
	}
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, inst: cfg.Instance, nonce: newNonce(), inbound: map[*frameConn]struct{}{},
		conns: map[*frameConn]struct{}{}, sessions: map[string]*session{}}
	s.wit = newWitnessStore(s)
	ep, err := s.loadEndpoint()
	if err != nil {
		return nil, err
	}
	if ep != nil {
		s.mu.Lock()
		err = s.applyEndpointLocked(ep)
		s.ep = ep
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
	for _, info := range s.inst.Databases() {
		if info.Mirroring != nil {
			s.resumeStored(info)
		}
	}
	s.register()
	return s, nil
}

// newNonce returns a random server identity, so a server recognizes its
// own endpoint (1452, 1429).
func newNonce() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) | 1
}

// Close stops mirroring on this instance: the endpoint stops listening,
// connections drop and commits waiting for the mirror fail with
// ErrStopped. Stored mirroring state is kept, so a new Server resumes the
// sessions. Partners see the connections drop as a hard failure.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	s.stopListenerLocked()
	sessions := make([]*session, 0, len(s.sessions))
	for _, ss := range s.sessions {
		sessions = append(sessions, ss)
	}
	s.mu.Unlock()
	for _, ss := range sessions {
		ss.shutdown()
	}
	s.wit.close()
	s.wg.Wait()
	return nil
}

// Kill is Close as an instance crash sees it; it exists so fault
// injection reads as what it is.
func (s *Server) Kill() { _ = s.Close() }

// acceptLoop serves the endpoint's inbound connections.
func (s *Server) acceptLoop(ln net.Listener) {
	defer s.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		fc := s.track(newFrameConn(c), true)
		s.mu.Lock()
		if s.stopped || s.ln != ln {
			s.mu.Unlock()
			fc.close()
			continue
		}
		s.inbound[fc] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serveInbound(fc)
	}
}

// serveInbound reads the Hello of an inbound connection and hands it to
// the witness or to the database's session.
func (s *Server) serveInbound(fc *frameConn) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.inbound, fc)
		s.mu.Unlock()
	}()
	_ = fc.c.SetReadDeadline(time.Now().Add(s.cfg.DialTimeout))
	h, err := fc.recv()
	if err != nil || h.Type != FrameHello {
		fc.close()
		return
	}
	_ = fc.c.SetReadDeadline(time.Time{})
	ep, ok := s.Endpoint()
	switch {
	case !ok:
		refuse(fc, 1418, h.Partner)
	case h.Flags&FlagWitness != 0 && !ep.acceptsWitness():
		refuse(fc, 1427, s.cfg.ServerName)
	case h.Flags&FlagWitness != 0:
		s.wit.serve(fc, h)
	case !ep.acceptsPartners():
		refuse(fc, 1418, h.Partner)
	case h.Nonce == s.nonce:
		refuse(fc, 1452)
	default:
		s.acceptPartner(fc, h)
	}
}

// refuse answers a Hello with a SQL error and closes the connection.
func refuse(fc *frameConn, number int32, args ...string) {
	_ = fc.send(&Frame{Type: FrameWelcome, Error: number, Args: args})
	fc.close()
}

// dial connects to a partner or witness endpoint at host:port.
func (s *Server) dial(addr string) (*frameConn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.DialTimeout)
	defer cancel()
	c, err := s.cfg.Dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return s.track(newFrameConn(c), false), nil
}

// track lists a new endpoint connection for sys.dm_db_mirroring_connections
// until it closes; accepted is true for one the remote side opened.
func (s *Server) track(fc *frameConn, accepted bool) *frameConn {
	fc.now = s.cfg.Clock.Now
	fc.stats = newConnStats(fc.now(), accepted)
	fc.onClose = func() {
		s.connMu.Lock()
		delete(s.conns, fc)
		s.connMu.Unlock()
	}
	s.connMu.Lock()
	s.conns[fc] = struct{}{}
	s.connMu.Unlock()
	return fc
}

// session returns the session of database name, or nil.
func (s *Server) session(name string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[strings.ToLower(name)]
}

// addSession registers a session and starts its loop.
func (s *Server) addSession(ss *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped || s.sessions[strings.ToLower(ss.name)] != nil {
		return false
	}
	s.sessions[strings.ToLower(ss.name)] = ss
	s.wg.Add(1)
	go ss.loop()
	return true
}

// removeSession forgets a session (SET PARTNER OFF).
func (s *Server) removeSession(ss *session) {
	s.mu.Lock()
	if s.sessions[strings.ToLower(ss.name)] == ss {
		delete(s.sessions, strings.ToLower(ss.name))
	}
	s.mu.Unlock()
}

// sqlError unwraps the SQL error a remote side reported.
func sqlError(f *Frame) error {
	if f.Error == 0 {
		return nil
	}
	args := make([]any, len(f.Args))
	for i, a := range f.Args {
		args[i] = a
	}
	return engine.Raise(f.Error, args...)
}
