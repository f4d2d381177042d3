package logship

import (
	"context"
	"net"
	"os"
	"sync"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// Server is one SQL Server instance as the log shipping steps see it: the
// seam the tests replace with a fake.
type Server interface {
	// Name is the instance as the user named it (the ShouldProcess target).
	Name() string
	// Query runs a batch that only reads.
	Query(ctx *cmdlet.Context, query string, args ...any) (*connection.Result, error)
	// Exec runs a batch that changes something.
	Exec(ctx *cmdlet.Context, query string, args ...any) (*connection.Result, error)
}

// Dialer returns the Server for an instance name, using database master.
// It must not connect: the first Query or Exec does.
type Dialer func(ctx *cmdlet.Context, instance string) (Server, error)

// TCPProbe dials host:port and reports whether something answered.
type TCPProbe func(ctx context.Context, addr string, timeout time.Duration) error

// stateKey is the session's State.
var stateKey = cmdlet.NewStateKey[*State]("logship")

// State is the module's per-session outside world.
type State struct {
	Dial  Dialer
	Probe TCPProbe
	// List returns the file names in a directory as the machine pcsh runs
	// on reads it (the recovery's copy directory when the restore job is
	// gone).
	List func(dir string) ([]string, error)
}

// stateMu guards the defaults stateOf fills in.
var stateMu sync.Mutex

// Use installs st as the session's log shipping state (tests inject fakes
// this way); nil fields keep their defaults.
func Use(s *cmdlet.Session, st *State) {
	stateKey.Set(s, st)
}

// stateOf returns the session's state, creating the default one.
func stateOf(s *cmdlet.Session) *State {
	stateMu.Lock()
	defer stateMu.Unlock()
	st := stateKey.Load(s, func() *State { return &State{} })
	if st.Dial == nil {
		st.Dial = DialConnection
	}
	if st.Probe == nil {
		st.Probe = dialTCP
	}
	if st.List == nil {
		st.List = listDir
	}
	return st
}

// dial returns the Server for instance through the session's Dialer.
func dial(ctx *cmdlet.Context, instance string) (Server, error) {
	return stateOf(ctx.Session).Dial(ctx, instance)
}

// DialConnection is the production Dialer: a lazily opened
// connection.Conn on master, with no command timeout for the long
// BACKUP and RESTORE steps.
func DialConnection(_ *cmdlet.Context, instance string) (Server, error) {
	return &connServer{name: instance}, nil
}

// connServer opens its connection.Conn on first use, so -WhatIf, which
// sends nothing, resolves and authenticates nothing either. Reads keep the
// default command timeout; changes (BACKUP, RESTORE) have none.
type connServer struct {
	name  string
	mu    sync.Mutex
	conns [2]*connection.Conn // reads, changes
}

// Name returns the instance name.
func (c *connServer) Name() string { return c.name }

// Query runs a read-only batch.
func (c *connServer) Query(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	conn, err := c.open(ctx, 0)
	if err != nil {
		return nil, err
	}
	return conn.Query(ctx, q, args...)
}

// Exec runs a changing batch.
func (c *connServer) Exec(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	conn, err := c.open(ctx, 1)
	if err != nil {
		return nil, err
	}
	return conn.Exec(ctx, q, args...)
}

func (c *connServer) open(ctx *cmdlet.Context, kind int) (*connection.Conn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conns[kind] != nil {
		return c.conns[kind], nil
	}
	opts := connection.Options{Database: "master"}
	if kind == 1 {
		opts.CommandTimeout = -1
	}
	conn, err := connection.Open(ctx, c.name, opts)
	if err != nil {
		return nil, err
	}
	c.conns[kind] = conn
	return conn, nil
}

// listDir is the production List: the regular files of dir, by name.
func listDir(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// dialTCP is the production TCPProbe.
func dialTCP(ctx context.Context, addr string, timeout time.Duration) error {
	d := net.Dialer{Timeout: timeout}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

var (
	_ Server = (*connServer)(nil)
	_ Dialer = DialConnection
)
