package connection

import (
	"context"
	"errors"
	"net"
	"strings"
	"time"

	"pcsh/modules/connection/ssrp"
	"pcsh/runtime/cmdlet"
)

// DefaultBrowserWait is how long pcsh waits for each of the two SQL
// Server Browser requests it sends for a named instance's port.
const DefaultBrowserWait = time.Second

// browserAttempts is how many CLNT_UCAST_INST requests go out: UDP may
// drop one.
const browserAttempts = 2

// resolvePort asks the SQL Server Browser of t's host for the TCP port of
// a named instance given without one, as the drivers do before they
// connect, so pcsh knows (and Get-PcSqlInstance shows) the port, and a
// Browser that stays silent gets an error naming the instance and host
// instead of a driver's time-out.
// A failed lookup is also kept on the target (portErr), so connecting
// to it fails with the same record while its failover partner may still
// answer.
func (m *Manager) resolvePort(ctx context.Context, t *Target) error {
	if t == nil || t.Instance == "" || t.Port != 0 {
		return nil
	}
	wait := m.BrowserWait
	if wait <= 0 {
		wait = DefaultBrowserWait
	}
	port, err := ssrp.Lookup(ctx, m.dialUDP, t.Host, t.dialHost(), t.Instance, wait, browserAttempts)
	if err != nil {
		t.portErr = browserError(t, err)
		return t.portErr
	}
	t.Port = port
	if cc, ok := ctx.(*cmdlet.Context); ok {
		cc.WriteVerbose("The SQL Server Browser on %s gives instance %s TCP port %d.", t.Host, t.Instance, port)
	}
	return nil
}

// dialUDP opens the Browser's socket through the injected dialer.
func (m *Manager) dialUDP(ctx context.Context, network, address string) (net.Conn, error) {
	if m.Dialer != nil {
		return m.Dialer.DialContext(ctx, network, address)
	}
	return (&net.Dialer{}).DialContext(ctx, network, address)
}

// browserError turns a failed lookup into a record naming the instance
// and the host, with what to check.
func browserError(t *Target, err error) *cmdlet.ErrorRecord {
	var (
		na *ssrp.NoAnswerError
		nb *ssrp.NoBrowserError
		br *ssrp.BadReplyError
	)
	var r *cmdlet.ErrorRecord
	switch {
	case errors.As(err, &na):
		r = cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "SqlBrowserNoAnswer", t.Display(),
			"Cannot resolve the SQL instance %s: %v. The SQL Server Browser sends nothing for an instance it does not have, "+
				"so the instance name may be wrong, or the Browser is stopped or UDP 1434 is blocked.", t.Server(), err).
			WithHint("check the instance name on %s (SELECT @@SERVICENAME), or give the port: %s,PORT", t.Host, t.Server())
	case errors.As(err, &nb):
		r = cmdlet.Errorf(cmdlet.CategoryConnectionError, "SqlBrowserNotRunning", t.Display(),
			"Cannot resolve the SQL instance %s: %v.", t.Server(), err).
			WithHint("start the SQL Server Browser service on %s, or give the port: %s,PORT", t.Host, t.Server())
	case errors.As(err, &br):
		r = cmdlet.Errorf(cmdlet.CategoryInvalidData, "SqlBrowserBadReply", t.Display(),
			"Cannot resolve the SQL instance %s: %v.", t.Server(), err).
			WithHint("give the port: %s,PORT", t.Server())
	default:
		r = cmdlet.Errorf(cmdlet.CategoryConnectionError, "SqlBrowserFailed", t.Display(),
			"Cannot resolve the SQL instance %s through the SQL Server Browser on %s: %v.", t.Server(), t.Host, err)
	}
	r.Err = err
	return r
}

// isBrowserError reports whether err is a failed SQL Server Browser
// lookup: the failover partner may answer instead.
func isBrowserError(err error) bool { return browserRecord(err) != nil }

// browserRecord is the failed lookup's record in err, or nil.
func browserRecord(err error) *cmdlet.ErrorRecord {
	var r *cmdlet.ErrorRecord
	if errors.As(err, &r) && strings.HasPrefix(r.ErrorID, "SqlBrowser") {
		return r
	}
	return nil
}
