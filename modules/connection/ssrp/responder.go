package ssrp

import (
	"errors"
	"net"
)

// Responder answers SSRP requests on a UDP socket as the SQL Server
// Browser does: CLNT_BCAST_EX and CLNT_UCAST_EX with every instance,
// CLNT_UCAST_INST with the instance asked for. It sends nothing for an
// instance it does not know, for CLNT_UCAST_DAC (no instance has a DAC
// endpoint) and for a malformed datagram, which it reports to Logf.
type Responder struct {
	Instances func() []Instance        // the instances to announce, asked per request
	Allowed   func(remote string) bool // nil: every client; false drops the request (lab partitions)
	Logf      func(format string, args ...any)
}

// Serve answers requests on pc until it is closed; it returns nil then.
func (r *Responder) Serve(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			r.logf("SQL Browser: read: %v", err)
			continue
		}
		if r.Allowed != nil && !r.Allowed(addr.String()) {
			continue
		}
		if reply := r.Answer(buf[:n], addr); reply != nil {
			if _, err := pc.WriteTo(reply, addr); err != nil {
				r.logf("SQL Browser: reply to %s: %v", addr, err)
			}
		}
	}
}

// Answer returns the reply to one datagram, nil when none is sent.
func (r *Responder) Answer(datagram []byte, from net.Addr) []byte {
	req, err := DecodeRequest(datagram)
	if err != nil {
		r.logf("SQL Browser: ignored a datagram from %s: %v", from, err)
		return nil
	}
	all, max := r.Instances(), maxExReply
	switch req.Type {
	case UnicastInst:
		in, ok := Find(all, req.Instance)
		if !ok {
			return nil
		}
		all, max = []Instance{in}, maxInstReply
	case UnicastDAC:
		return nil
	}
	if len(all) == 0 {
		return nil
	}
	reply, err := EncodeResponse(all, max)
	if err != nil {
		r.logf("SQL Browser: %v", err)
	}
	return reply
}

func (r *Responder) logf(format string, args ...any) {
	if r.Logf != nil {
		r.Logf(format, args...)
	}
}
