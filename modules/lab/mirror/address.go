package mirror

import (
	"net"
	"strconv"
	"strings"

	"pcsh/modules/lab/engine"
)

// parseAddress checks a server network address, TCP://host:port, and
// returns host:port for dialing; anything else raises 1449.
func parseAddress(addr string) (string, error) {
	rest, ok := cutPrefixFold(strings.TrimSpace(addr), "TCP://")
	if !ok {
		return "", engine.Raise(1449)
	}
	host, port, err := net.SplitHostPort(rest)
	if err != nil || host == "" {
		return "", engine.Raise(1449)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", engine.Raise(1449)
	}
	return net.JoinHostPort(host, port), nil
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}
