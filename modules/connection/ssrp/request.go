package ssrp

import (
	"bytes"
	"errors"
	"fmt"
)

// Request is a decoded client request.
type Request struct {
	Type     byte   // BroadcastEx, UnicastEx, UnicastInst or UnicastDAC
	Instance string // the instance asked about (UnicastInst, UnicastDAC)
}

// ErrMalformed marks a datagram that is not a request (or reply) as
// [MC-SQLR] section 2.2 defines it; a server ignores such a datagram.
var ErrMalformed = errors.New("malformed SSRP message")

// DecodeRequest parses one request datagram: a single type byte for
// CLNT_BCAST_EX and CLNT_UCAST_EX; the type, (for CLNT_UCAST_DAC the
// protocol version 0x01,) and a null-terminated instance name of 1 to 32
// bytes, with nothing after the terminator, for the others.
func DecodeRequest(b []byte) (Request, error) {
	if len(b) == 0 {
		return Request{}, fmt.Errorf("%w: empty datagram", ErrMalformed)
	}
	r := Request{Type: b[0]}
	switch r.Type {
	case BroadcastEx, UnicastEx:
		if len(b) != 1 {
			return Request{}, fmt.Errorf("%w: type 0x%02X takes no data, got %d bytes", ErrMalformed, r.Type, len(b)-1)
		}
		return r, nil
	case UnicastInst:
		return r.withName(b[1:])
	case UnicastDAC:
		if len(b) < 2 || b[1] != dacProtocol {
			return Request{}, fmt.Errorf("%w: CLNT_UCAST_DAC without protocol version 0x01", ErrMalformed)
		}
		return r.withName(b[2:])
	}
	return Request{}, fmt.Errorf("%w: unknown type 0x%02X", ErrMalformed, r.Type)
}

// withName reads the null-terminated INSTANCENAME that ends a request.
func (r Request) withName(b []byte) (Request, error) {
	end := bytes.IndexByte(b, 0)
	switch {
	case end < 0:
		return Request{}, fmt.Errorf("%w: instance name without its null terminator", ErrMalformed)
	case end != len(b)-1:
		return Request{}, fmt.Errorf("%w: %d bytes after the instance name's terminator", ErrMalformed, len(b)-1-end)
	case end == 0 || end > maxInstName:
		return Request{}, fmt.Errorf("%w: instance name of %d bytes (1 to %d)", ErrMalformed, end, maxInstName)
	}
	r.Instance = string(b[:end])
	return r, nil
}

// Encode returns the request's datagram.
func (r Request) Encode() []byte {
	b := []byte{r.Type}
	switch r.Type {
	case UnicastDAC:
		b = append(b, dacProtocol)
		fallthrough
	case UnicastInst:
		b = append(append(b, r.Instance...), 0)
	}
	return b
}
