//go:build !unix

package connection

// peerGone cannot peek at a socket here: every pooled connection is taken
// as alive, and a dead one fails its statement (after the command timeout
// in go-mssqldb's message-queue mode).
func (s *socket) peerGone() bool { return false }
