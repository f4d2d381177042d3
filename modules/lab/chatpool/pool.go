package chatpool

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The defaults of Config.
const (
	DefaultRefresh      = 250 * time.Millisecond
	DefaultPingInterval = time.Second
	DefaultPostTimeout  = 2 * time.Second
)

// Config describes a pool and the outside world it runs in.
type Config struct {
	FQDN    string  // the pool, for messages
	CMS     CMS     // pool state and active servers
	Targets Targets // the database of each pool state
	Opener  Opener  // opens a target's database
	// Sources is the local address each server's connections come from,
	// by lower-case FQDN, when Opener is a SourceOpener; a server with
	// none connects from any address.
	Sources map[string]string
	Clock   Clock // nil: SystemClock

	Refresh      time.Duration // how often each server re-reads the CMS; 0: DefaultRefresh
	PingInterval time.Duration // how often an active server pings; 0: DefaultPingInterval
	PostTimeout  time.Duration // bound of one post, ping or read; 0: DefaultPostTimeout
}

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.Clock == nil {
		c.Clock = SystemClock{}
	}
	if c.Refresh <= 0 {
		c.Refresh = DefaultRefresh
	}
	if c.PingInterval <= 0 {
		c.PingInterval = DefaultPingInterval
	}
	if c.PostTimeout <= 0 {
		c.PostTimeout = DefaultPostTimeout
	}
	return c
}

// Pool is the simulated stretched Persistent Chat pool: one Server per
// server the CMS lists for the pool.
type Pool struct {
	cfg     *Config
	servers []*Server
	next    atomic.Uint64 // round robin of Connect

	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New reads the pool from the CMS and makes its servers, each following
// what it read. Start runs them.
func New(ctx context.Context, cfg Config) (*Pool, error) {
	if cfg.CMS == nil || cfg.Opener == nil {
		return nil, errors.New("chatpool: Config needs a CMS and an Opener")
	}
	c := cfg.withDefaults()
	v, err := c.CMS.ReadPool(ctx)
	if err != nil {
		return nil, err
	}
	if len(v.Servers) == 0 {
		return nil, fmt.Errorf("the CMS lists no server for pool %s", c.FQDN)
	}
	p := &Pool{cfg: &c}
	for i, fqdn := range v.Servers {
		s := newServer(p.cfg, i+1, fqdn)
		s.apply(v)
		p.servers = append(p.servers, s)
	}
	return p, nil
}

// Start runs every server's CMS refresh and ping loops until Stop or
// the end of ctx.
func (p *Pool) Start(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		return
	}
	ctx, p.cancel = context.WithCancel(ctx)
	for _, s := range p.servers {
		p.wg.Add(2)
		go func() { defer p.wg.Done(); s.refreshLoop(ctx) }()
		go func() { defer p.wg.Done(); s.pingLoop(ctx) }()
	}
}

// Stop ends the servers' loops, waits for them and closes their
// databases.
func (p *Pool) Stop() {
	p.mu.Lock()
	cancel := p.cancel
	p.cancel = nil
	p.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	p.wg.Wait()
	for _, s := range p.servers {
		s.mu.Lock()
		s.dropLocked()
		s.mu.Unlock()
	}
}

// Clock returns the pool's clock.
func (p *Pool) Clock() Clock { return p.cfg.Clock }

// Servers returns every server, in CMS order.
func (p *Pool) Servers() []*Server { return p.servers }

// Server returns the server with this FQDN (any case), or nil.
func (p *Pool) Server(fqdn string) *Server {
	for _, s := range p.servers {
		if strings.EqualFold(s.fqdn, fqdn) {
			return s
		}
	}
	return nil
}

// Refresh makes every server read the CMS now, as a drill does right
// after changing the pool state rather than wait for the next refresh.
func (p *Pool) Refresh(ctx context.Context) {
	for _, s := range p.servers {
		s.Refresh(ctx)
	}
}

// Connect attaches a client to an active server, round robin, preferring
// one other than avoid (the server the client just lost).
func (p *Pool) Connect(client string, avoid *Server) (*Session, error) {
	n := len(p.servers)
	start := int(p.next.Add(1) % uint64(n))
	var fallback *Server
	var last error
	for i := 0; i < n; i++ {
		s := p.servers[(start+i)%n]
		if !s.Active() {
			continue
		}
		if s == avoid {
			fallback = s
			continue
		}
		c, err := s.Connect(client)
		if err == nil {
			return c, nil
		}
		last = err
	}
	if fallback != nil {
		return fallback.Connect(client)
	}
	if last != nil {
		return nil, last
	}
	return nil, fmt.Errorf("pool %s: %w", p.cfg.FQDN, ErrNoActiveServer)
}

// Target returns the database the pool uses now, from the CMS.
func (p *Pool) Target(ctx context.Context) (Target, error) {
	v, err := p.cfg.CMS.ReadPool(ctx)
	if err != nil {
		return Target{}, err
	}
	return p.cfg.Targets.For(v.State)
}

// withDatabase opens the database the pool uses now, runs fn on it within
// the post timeout and closes it.
func (p *Pool) withDatabase(ctx context.Context, fn func(context.Context, Database) error) (Target, error) {
	t, err := p.Target(ctx)
	if err != nil {
		return t, err
	}
	db, err := p.cfg.Opener.Open(t)
	if err != nil {
		return t, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, p.cfg.PostTimeout)
	defer cancel()
	if err := fn(ctx, db); err != nil {
		return t, fmt.Errorf("%s: %w", t, err)
	}
	return t, nil
}

// EnsureRooms creates the rooms that do not exist yet in the database
// the pool uses now.
func (p *Pool) EnsureRooms(ctx context.Context, rooms []int) error {
	_, err := p.withDatabase(ctx, func(ctx context.Context, db Database) error {
		return db.EnsureRooms(ctx, rooms)
	})
	return err
}

// ReadBack returns the ids of the messages of rooms with ids in [from,
// to] that the database the pool uses now holds, and that database.
func (p *Pool) ReadBack(ctx context.Context, rooms []int, from, to int64) ([]int64, Target, error) {
	var ids []int64
	t, err := p.withDatabase(ctx, func(ctx context.Context, db Database) (err error) {
		ids, err = db.MessageIDs(ctx, rooms, from, to)
		return err
	})
	return ids, t, err
}
