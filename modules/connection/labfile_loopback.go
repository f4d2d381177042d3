package connection

import (
	"fmt"
	"net"
	"strings"
)

// isLoopback reports whether addr, a lab instance's address, is a
// loopback address (127.0.0.0/8, ::1) or localhost. The lab serves on
// loopback only; a lab file that points a name elsewhere would send the
// lab's login, with certificate checks off, to another machine.
func isLoopback(addr string) bool {
	if strings.EqualFold(addr, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(addr, "[]"))
	return ip != nil && ip.IsLoopback()
}

// notLoopback is the refusal of a lab instance outside loopback. It is an
// error, not a silent fall-through to DNS, because the admin asked for a
// name the lab file claims.
func notLoopback(path string, in labInstance) error {
	addr := in.Address
	if addr == "" {
		addr = "no address"
	}
	return fmt.Errorf("the lab file %s maps %s to %s, which is not a loopback address; lab instances run on 127.0.0.0/8 or ::1 only",
		path, in.Name, addr)
}
