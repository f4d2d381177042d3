package chatpool

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Server is one simulated Persistent Chat server of the pool.
type Server struct {
	fqdn  string
	ident Identity
	cfg   *Config
	wake  chan struct{} // pings at once when the server becomes active

	mu       sync.Mutex
	active   bool
	down     bool
	state    string
	target   Target
	db       Database // nil until first use after a change or failure
	cmsErr   error
	lastPing time.Time
	pingErr  error
}

// ServerStatus is a snapshot of a server, for a drill to print.
type ServerStatus struct {
	FQDN      string    `json:"fqdn"`
	ID        int       `json:"serverId"`
	Active    bool      `json:"active"`
	Down      bool      `json:"down"`
	PoolState string    `json:"poolState"`
	Target    Target    `json:"target"`
	LastPing  time.Time `json:"lastPing"`
	PingError string    `json:"pingError,omitempty"`
	CMSError  string    `json:"cmsError,omitempty"`
}

func newServer(cfg *Config, id int, fqdn string) *Server {
	return &Server{fqdn: fqdn, ident: Identity{ID: id, Address: "net.tcp://" + fqdn + ":881/"},
		cfg: cfg, wake: make(chan struct{}, 1)}
}

// FQDN returns the server's name.
func (s *Server) FQDN() string { return s.fqdn }

// Identity returns the server's tblServerIdentity row.
func (s *Server) Identity() Identity { return s.ident }

// Active reports whether the server is up and, as it last read the CMS,
// on the active server list.
func (s *Server) Active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active && !s.down
}

// Status returns a snapshot of the server.
func (s *Server) Status() ServerStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := ServerStatus{FQDN: s.fqdn, ID: s.ident.ID, Active: s.active, Down: s.down, PoolState: s.state,
		Target: s.target, LastPing: s.lastPing}
	if s.pingErr != nil {
		st.PingError = s.pingErr.Error()
	}
	if s.cmsErr != nil {
		st.CMSError = s.cmsErr.Error()
	}
	return st
}

// Refresh reads the CMS once and follows it: the active list decides
// whether the server serves, the pool state which database it uses. When
// the CMS cannot be read the server keeps what it read last.
func (s *Server) Refresh(ctx context.Context) {
	v, err := s.cfg.CMS.ReadPool(ctx)
	if err != nil {
		s.mu.Lock()
		s.cmsErr = err
		s.mu.Unlock()
		return
	}
	s.apply(v)
}

// apply follows a CMS view.
func (s *Server) apply(v PoolView) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.cfg.Targets.For(v.State)
	if err != nil {
		s.cmsErr = err
		return
	}
	s.cmsErr = nil
	active := v.IsActive(s.fqdn)
	if t != s.target || !active {
		s.dropLocked()
	}
	if active && !s.active {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	s.state, s.target, s.active = v.State, t, active
}

// dropLocked closes the database in use; the next request opens the
// current target again (a reconnect).
func (s *Server) dropLocked() {
	if s.db != nil {
		go s.db.Close() // Close waits for requests in flight
		s.db = nil
	}
}

// discard drops db after a failed request unless it was replaced already.
func (s *Server) discard(db Database) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == db {
		s.dropLocked()
	}
}

// use returns the database to serve a request with, or why the server
// refuses it.
func (s *Server) use() (Database, Target, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.down:
		return nil, Target{}, fmt.Errorf("%s: %w", s.fqdn, ErrServerDown)
	case !s.active:
		return nil, Target{}, fmt.Errorf("%s: %w", s.fqdn, ErrInactive)
	}
	if s.db == nil {
		db, err := s.open()
		if err != nil {
			return nil, s.target, fmt.Errorf("%s: open %s: %w", s.fqdn, s.target, err)
		}
		s.db = db
	}
	return s.db, s.target, nil
}

// open opens the database of the server's target, from the server's
// source address when it has one.
func (s *Server) open() (Database, error) {
	if so, ok := s.cfg.Opener.(SourceOpener); ok {
		if src := s.cfg.Sources[strings.ToLower(s.fqdn)]; src != "" {
			return so.OpenFrom(s.target, src)
		}
	}
	return s.cfg.Opener.Open(s.target)
}

// Connect attaches a client. An inactive or failed server refuses it.
func (s *Server) Connect(client string) (*Session, error) {
	if _, _, err := s.use(); err != nil {
		return nil, err
	}
	return &Session{server: s, client: client}, nil
}

// post stores m through the database in use. It returns nil only once
// the database committed the message; a failure drops the connection so
// the next request reconnects.
func (s *Server) post(ctx context.Context, m Message) error {
	db, t, err := s.use()
	if err != nil {
		return err
	}
	m.Server = s.fqdn
	ctx, cancel := context.WithTimeout(ctx, s.cfg.PostTimeout)
	defer cancel()
	if err := db.Post(ctx, m); err != nil {
		s.discard(db)
		return fmt.Errorf("%s: post to %s: %w", s.fqdn, t.Store, err)
	}
	return nil
}

// Ping updates the server's serverLastPingTime in the database in use.
func (s *Server) Ping(ctx context.Context) error {
	db, t, err := s.use()
	if err == nil {
		cctx, cancel := context.WithTimeout(ctx, s.cfg.PostTimeout)
		err = db.Ping(cctx, s.ident, s.cfg.Clock.Now())
		cancel()
		if err != nil {
			s.discard(db)
			err = fmt.Errorf("%s: ping %s: %w", s.fqdn, t.Store, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pingErr = err
	if err == nil {
		s.lastPing = s.cfg.Clock.Now()
	}
	return err
}

// Fail takes the server down, as if its computer were lost: it refuses
// every client until Recover.
func (s *Server) Fail() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = true
	s.dropLocked()
}

// Recover brings a failed server back; it serves again if it is active.
func (s *Server) Recover() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down && s.active {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	s.down = false
}

// refreshLoop re-reads the CMS every Refresh until ctx ends.
func (s *Server) refreshLoop(ctx context.Context) {
	for {
		s.Refresh(ctx)
		select {
		case <-ctx.Done():
			return
		case <-s.cfg.Clock.After(s.cfg.Refresh):
		}
	}
}

// pingLoop pings every PingInterval while the server is active, and at
// once when it becomes active.
func (s *Server) pingLoop(ctx context.Context) {
	for {
		if s.Active() {
			_ = s.Ping(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-s.cfg.Clock.After(s.cfg.PingInterval):
		}
	}
}

// Session is a client attached to a server.
type Session struct {
	server *Server
	client string
}

// Server returns the server the client is attached to.
func (c *Session) Server() *Server { return c.server }

// Post stores a message through the session's server; nil means the
// database committed it.
func (c *Session) Post(ctx context.Context, m Message) error { return c.server.post(ctx, m) }
