package chatpool

import "errors"

// The errors a server gives a client it does not serve; they are wrapped
// with the server's name, so test them with errors.Is.
var (
	// ErrInactive: the server is not on the pool's active server list,
	// so it refuses new clients and posts.
	ErrInactive = errors.New("it is not on the pool's active server list and refuses clients")
	// ErrServerDown: the server was failed (Server.Fail) and answers
	// nobody.
	ErrServerDown = errors.New("the server is down")
	// ErrNoActiveServer: no server of the pool is active and up.
	ErrNoActiveServer = errors.New("no server of the pool is active")
)
