package ssrp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
	"time"
)

// DialFunc opens the UDP socket a lookup uses (net.Dialer.DialContext).
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// NoAnswerError is a lookup the Browser left unanswered: SQL Server's
// Browser sends nothing for an instance it does not have, so an unknown
// instance name and a blocked UDP 1434 look alike.
type NoAnswerError struct {
	Host, Instance string
	Wait           time.Duration
}

// Error names the instance, the host and the wait.
func (e *NoAnswerError) Error() string {
	return fmt.Sprintf("the SQL Server Browser on %s (UDP %d) did not answer for instance %s within %s",
		e.Host, Port, e.Instance, e.Wait)
}

// NoBrowserError is a lookup refused outright: nothing listens on UDP
// 1434 of the host (an ICMP port unreachable came back).
type NoBrowserError struct{ Host, Instance string }

// Error names the host and the instance.
func (e *NoBrowserError) Error() string {
	return fmt.Sprintf("no SQL Server Browser listens on %s (UDP %d), so instance %s cannot be resolved",
		e.Host, Port, e.Instance)
}

// BadReplyError is a reply pcsh cannot use: malformed, or without the
// instance or its TCP port.
type BadReplyError struct {
	Host, Instance string
	Err            error
}

// Error names the instance, the host and what is wrong.
func (e *BadReplyError) Error() string {
	return fmt.Sprintf("the SQL Server Browser on %s answered for instance %s with an unusable reply: %v", e.Host, e.Instance, e.Err)
}

// Unwrap returns the cause.
func (e *BadReplyError) Unwrap() error { return e.Err }

// Lookup asks the Browser at address (the host's address; host names
// it in errors) for instance's TCP port with CLNT_UCAST_INST, sending
// the request up to attempts times, wait apart.
func Lookup(ctx context.Context, dial DialFunc, host, address, instance string, wait time.Duration, attempts int) (int, error) {
	c, err := dial(ctx, "udp", net.JoinHostPort(address, strconv.Itoa(Port)))
	if errors.Is(err, syscall.ECONNREFUSED) {
		return 0, &NoBrowserError{Host: host, Instance: instance}
	}
	if err != nil {
		return 0, fmt.Errorf("SQL Server Browser on %s: %w", host, err)
	}
	defer c.Close()
	req := Request{Type: UnicastInst, Instance: instance}
	for i := 0; i < max(attempts, 1); i++ {
		reply, err := exchange(ctx, c, req.Encode(), wait)
		if errors.Is(err, syscall.ECONNREFUSED) {
			return 0, &NoBrowserError{Host: host, Instance: instance}
		}
		if err == nil {
			return portIn(reply, host, instance)
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
	}
	return 0, &NoAnswerError{Host: host, Instance: instance, Wait: wait * time.Duration(max(attempts, 1))}
}

// exchange sends the request and waits for one datagram.
func exchange(ctx context.Context, c net.Conn, req []byte, wait time.Duration) ([]byte, error) {
	deadline := time.Now().Add(wait)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := c.SetDeadline(deadline); err != nil {
		return nil, err
	}
	if _, err := c.Write(req); err != nil {
		return nil, err
	}
	buf := make([]byte, maxExReply+3)
	n, err := c.Read(buf)
	return buf[:n], err
}

// portIn finds the instance's TCP port in a reply.
func portIn(reply []byte, host, instance string) (int, error) {
	all, err := DecodeResponse(reply)
	if err != nil {
		return 0, &BadReplyError{Host: host, Instance: instance, Err: err}
	}
	in, ok := Find(all, instance)
	switch {
	case !ok:
		return 0, &BadReplyError{Host: host, Instance: instance, Err: errors.New("the instance is not in it")}
	case in.TCPPort == 0:
		return 0, &BadReplyError{Host: host, Instance: instance, Err: errors.New("the instance has no TCP endpoint")}
	}
	return in.TCPPort, nil
}
