package connection

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

// Options tune a connection opened with Open.
type Options struct {
	Database       string        // the database to use; "" keeps the target's (or the login's default)
	ConnectTimeout time.Duration // dial plus login; 0: the manager's (15 s)
	CommandTimeout time.Duration // per Query/Exec; 0: 30 s; negative: none (long RESTOREs)
	Credential     *Credential   // a login to use instead of the credential chain
	Activity       string        // the progress activity; "" derives one from the statement
	Attempts       int           // tries in all for a transient failure; 0: the manager's policy (3)
}

// Conn is a handle on the pooled connections to one instance and database
// with one login. It is cheap: Open connects nothing, each Query or Exec
// takes a connection from the pool (connecting, with retries and the
// failover partner, when it must) and returns it.
type Conn struct {
	Target *Target
	m      *Manager
	cred   Credential
	opts   Options
}

// Open resolves instance (a topology name, host[\instance][,port], a
// connection string or a sqlserver:// URL) and finds its login.
func Open(ctx *cmdlet.Context, instance string, opts Options) (*Conn, error) {
	m := For(ctx.Session)
	t, err := m.Resolve(ctx, instance)
	if err != nil {
		return nil, err
	}
	if opts.Database != "" {
		t.Database = opts.Database
	}
	var cred Credential
	if opts.Credential != nil {
		cred = *opts.Credential
		m.Secrets.Add(cred.Password)
	} else if cred, err = m.Credential(ctx, t); err != nil {
		return nil, err
	}
	return &Conn{Target: t, m: m, cred: cred, opts: opts}, nil
}

// CredentialSource says where the login came from (never the password).
func (c *Conn) CredentialSource() string { return c.cred.Source }

// User returns the login name in use.
func (c *Conn) User() string { return c.cred.User }

// connectError marks a failure before any statement was sent: always safe
// to retry.
type connectError struct {
	target *Target
	err    error
}

// Error returns the cause's text.
func (e *connectError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e *connectError) Unwrap() error { return e.err }

// acquire takes a pooled connection: the principal first (or the partner
// first when the partner answered last time), then the other partner when
// the first cannot serve the database. go-mssqldb's own failoverpartner
// handling makes one attempt at each on dial and login failures, never
// learns the current principal and does not say which partner answered
// (anchors §3.3); pcsh's pools therefore leave the partner out of the DSN
// and try it here, remembering which one answered, and also move on when
// a partner answers but is the mirror (954, 955, 4060).
func (c *Conn) acquire(ctx *cmdlet.Context) (*sql.Conn, *socket, *Target, error) {
	order := c.partners()
	wasOnPartner := c.m.isOnPartner(c.Target)
	var first error
	for i, t := range order {
		sc, sock, err := c.dial(ctx, t)
		if err == nil {
			c.m.setOnPartner(c.Target, t != c.Target)
			switch {
			case t != c.Target && !wasOnPartner: // say so, not only under -Verbose: the answer is not from the named instance
				ctx.WriteWarning("%s could not serve the request (%v); its failover partner %s answered instead.", c.Target, first, t)
			case i > 0:
				ctx.WriteVerbose("Connected to %s: %s could not serve the request (%v).", t, order[0], first)
			}
			return sc, sock, t, nil
		}
		if first == nil {
			first = err
		}
		if !wantsPartner(err) {
			break
		}
	}
	return nil, nil, nil, &connectError{target: order[0], err: first}
}

// partners returns the targets to try, in order. A failover partner
// stands in for the named instance only for a mirrored database, which
// a user database may be: as the data access providers do, failover needs
// a database name ("Connect Clients to a Database Mirroring Session").
// master, model, msdb and tempdb (and no database, the login's default)
// are the named instance's own and cannot be mirrored, so a statement
// meant for them (ALTER DATABASE, BACKUP, msdb's history) never runs on
// the partner because the named instance did not answer.
func (c *Conn) partners() []*Target {
	p := c.Target.PartnerAddr
	if p == nil || !mirrorable(c.Target.Database) {
		return []*Target{c.Target}
	}
	if c.m.isOnPartner(c.Target) {
		return []*Target{p, c.Target}
	}
	return []*Target{c.Target, p}
}

// dial takes a connection to t from its pool within the connect timeout.
// The driver stops watching the context once it waits for the server's
// PRELOGIN answer, so a server that accepts the TCP connection and then
// says nothing would hold the login far past the timeout: the login
// watchdog closes the socket when the timeout passes. A pooled
// connection whose server closed it is dropped and another taken.
func (c *Conn) dial(ctx context.Context, t *Target) (*sql.Conn, *socket, error) {
	if t.portErr != nil {
		return nil, nil, t.portErr
	}
	db, err := c.m.pool(t.dsn(c.cred, c.Target.Database, false))
	if err != nil {
		return nil, nil, err
	}
	timeout := c.opts.ConnectTimeout
	if timeout <= 0 {
		timeout = c.m.ConnectTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for range maxIdlePerPool + 1 {
		sc, s, err := c.login(ctx, cctx, db, timeout)
		if err != nil || s == nil || !s.peerGone() {
			return sc, s, err
		}
		// a pooled connection whose server has gone since it was last
		// used: go-mssqldb's message-queue mode, which execute uses, would
		// wait out the whole command timeout on it (seen against a killed
		// instance: 15 s instead of an immediate EOF)
		discard(sc)
	}
	return c.login(ctx, cctx, db, timeout)
}

// login takes one connection from db within cctx (the connect timeout),
// watched by the login watchdog, and finds its socket.
func (c *Conn) login(ctx, cctx context.Context, db *sql.DB, timeout time.Duration) (*sql.Conn, *socket, error) {
	slot := &dialSlot{}
	dog := watch(cctx, 0, slot.abort)
	sc, err := db.Conn(context.WithValue(cctx, slotKey{}, slot))
	if dog.stop() && err == nil { // the login finished as the timeout passed: its socket is closed
		discard(sc)
		sc, err = nil, cctx.Err()
	}
	if err != nil && errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, nil, &loginTimeout{after: timeout, err: err}
	}
	if err != nil {
		return nil, nil, err
	}
	return sc, c.m.socketOf(sc, slot), nil
}

// discard closes a connection instead of returning it to its pool: its
// socket was closed, or a statement on it did not finish in time and what
// the server still sends on it is unknown.
func discard(sc *sql.Conn) { _ = sc.Raw(func(any) error { return driver.ErrBadConn }) }

// loginTimeout is a connect that did not finish within the connect timeout.
type loginTimeout struct {
	after time.Duration
	err   error
}

// Error says how long the login was given.
func (e *loginTimeout) Error() string { return "login timeout expired after " + e.after.String() }

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *loginTimeout) Unwrap() error { return context.DeadlineExceeded }

// mirrorable reports whether db names a database that can be mirrored:
// a user database, not a system one or none.
func mirrorable(db string) bool {
	switch strings.ToLower(strings.Trim(db, "[]")) {
	case "", "master", "model", "msdb", "tempdb":
		return false
	}
	return true
}
