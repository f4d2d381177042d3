//go:build unix

package connection

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// peerGone reports whether the server has closed or reset an idle
// connection, without waiting or consuming anything: a non-blocking peek
// sees the end of the stream (0 bytes) or the reset at once; nothing to
// read means the connection is alive (or silent behind a partition, which
// the command watchdog bounds). Connections that are not sockets (tests'
// pipes) are taken as alive.
func (s *socket) peerGone() bool {
	sc, ok := s.Conn.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	gone := false
	_ = raw.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := unix.Recvfrom(int(fd), b[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
		gone = (n == 0 && err == nil) || (err != nil && err != unix.EAGAIN && err != unix.EWOULDBLOCK && err != unix.EINTR)
		return true
	})
	return gone
}
