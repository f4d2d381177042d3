package lab

import (
	"fmt"
	"net"
	"strings"

	"pcsh/modules/connection/labpassword"
)

// AllowNonLoopbackFlag is the `pcsh lab serve` flag that lets --listen
// take an address other machines reach.
const AllowNonLoopbackFlag = "allow-non-loopback"

// checkListen refuses a listen address that is not a loopback address,
// unless allowed is set and the sa password is not the documented
// default (PCSH_LAB_PASSWORD is set): the default password is public.
func checkListen(listen string, allowed bool, getenv func(string) string) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("lab serve: --listen %q: %w", listen, err)
	}
	if isLoopbackHost(host) {
		return nil
	}
	if !allowed {
		return fmt.Errorf("lab serve: --listen %s is not a loopback address; the lab's default sa password is public, "+
			"so to listen beyond this machine give --%s and set PCSH_LAB_PASSWORD", listen, AllowNonLoopbackFlag)
	}
	if !labpassword.IsSet(getenv) {
		return fmt.Errorf("lab serve: --listen %s is not a loopback address: --%s needs PCSH_LAB_PASSWORD set, "+
			"because the lab's default sa password is public", listen, AllowNonLoopbackFlag)
	}
	return nil
}

// isLoopbackHost reports whether host is "localhost" or a loopback IP
// address; an empty host (every interface) and other names are not.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
