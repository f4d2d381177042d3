package backup

import (
	"sync"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// SQL runs batches on named instances, in master: the seam the tests
// replace with a fake.
type SQL interface {
	// Query runs a batch that only reads.
	Query(ctx *cmdlet.Context, instance, query string, args ...any) (*connection.Result, error)
	// Exec runs a batch that changes something (BACKUP, RESTORE), with no
	// command timeout.
	Exec(ctx *cmdlet.Context, instance, query string, args ...any) (*connection.Result, error)
}

// Lister returns the files of a folder as the instance names them: the
// folder as given joined with each file name.
type Lister func(ctx *cmdlet.Context, folder string) ([]string, error)

// State is the module's per-session outside world; nil fields keep their
// defaults (SQL Server through pcsh/modules/connection, the file system
// of the machine pcsh runs on).
type State struct {
	SQL  SQL
	List Lister
}

// stateKey is the session's State.
var stateKey = cmdlet.NewStateKey[*State]("backup")

// Use installs st as the session's state (tests inject fakes this way).
func Use(s *cmdlet.Session, st *State) { stateKey.Set(s, st) }

// worldOf returns the session's SQL layer and lister for one call.
func worldOf(s *cmdlet.Session) (SQL, Lister) {
	st, _ := stateKey.Get(s)
	if st == nil {
		st = &State{}
	}
	db, list := st.SQL, st.List
	if db == nil {
		db = &connSQL{conns: map[connKey]*connection.Conn{}}
	}
	if list == nil {
		list = listFolder
	}
	return db, list
}

// connKey names one cached connection: an instance, for reads or changes.
type connKey struct {
	instance string
	change   bool
}

// connSQL opens its connections on first use, so -WhatIf of a backup
// resolves and authenticates nothing.
type connSQL struct {
	mu    sync.Mutex
	conns map[connKey]*connection.Conn
}

// Query runs a read-only batch with the default command timeout.
func (c *connSQL) Query(ctx *cmdlet.Context, instance, q string, args ...any) (*connection.Result, error) {
	conn, err := c.open(ctx, connKey{instance, false})
	if err != nil {
		return nil, err
	}
	return conn.Query(ctx, q, args...)
}

// Exec runs a changing batch with no command timeout: a BACKUP or
// RESTORE takes as long as it takes.
func (c *connSQL) Exec(ctx *cmdlet.Context, instance, q string, args ...any) (*connection.Result, error) {
	conn, err := c.open(ctx, connKey{instance, true})
	if err != nil {
		return nil, err
	}
	return conn.Exec(ctx, q, args...)
}

func (c *connSQL) open(ctx *cmdlet.Context, k connKey) (*connection.Conn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if conn := c.conns[k]; conn != nil {
		return conn, nil
	}
	opts := connection.Options{Database: "master"}
	if k.change {
		opts.CommandTimeout = -1
	}
	conn, err := connection.Open(ctx, k.instance, opts)
	if err != nil {
		return nil, err
	}
	c.conns[k] = conn
	return conn, nil
}

var _ SQL = (*connSQL)(nil)
