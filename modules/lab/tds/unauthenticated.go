package tds

import (
	"errors"
	"fmt"
	"net"
)

// Bounds on a connection that has not logged in yet, so that a client
// without credentials cannot make the server allocate without limit.
const (
	// maxLoginMessageSize bounds a reassembled PRELOGIN or LOGIN7 message.
	// go-mssqldb's PRELOGIN is under 100 bytes and its LOGIN7 under 1 KB;
	// after login a request may be as large as maxMessageSize.
	maxLoginMessageSize = 32 << 10
	// defaultMaxUnauthenticated is how many connections may be in
	// PRELOGIN, TLS or LOGIN7 at once when Config.MaxUnauthenticated is 0.
	defaultMaxUnauthenticated = 64
)

// errTooManyUnauthenticated refuses a connection while the server already
// has its limit of connections that have not logged in.
var errTooManyUnauthenticated = errors.New("tds: too many connections have not logged in yet")

// admit counts nc as not logged in, or refuses it (logging why) when the
// server already has Config.MaxUnauthenticated of those. The returned
// function ends the count; it is nil when nc was refused.
func (s *Server) admit(nc net.Conn) func() {
	limit := int32(s.cfg.MaxUnauthenticated)
	if limit <= 0 {
		limit = defaultMaxUnauthenticated
	}
	if s.unauthenticated.Add(1) > limit {
		s.unauthenticated.Add(-1)
		s.logf("tds: connection from %s closed: %d connections have not logged in yet (the limit)", nc.RemoteAddr(), limit)
		return nil
	}
	done := false
	return func() {
		if !done {
			done = true
			s.unauthenticated.Add(-1)
		}
	}
}

// handshakeError explains a failed login phase: a connection that did
// not log in within the login timeout is closed, and says so.
func (c *conn) handshakeError(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("tds: no login within %v; closing the connection: %w", c.srv.loginTimeout(), err)
	}
	return err
}
