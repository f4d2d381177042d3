package tds

import (
	"encoding/binary"
	"fmt"
)

// login7HeaderSize is the fixed part of LOGIN7 up to and including
// SSPILongLength (MS-TDS 2.2.6.4).
const login7HeaderSize = 94

// Offsets of the (offset, length) pairs in the LOGIN7 header.
const (
	l7HostName   = 36
	l7UserName   = 40
	l7Password   = 44
	l7AppName    = 48
	l7ServerName = 52
	l7Language   = 64
	l7Database   = 68
	l7SSPI       = 78
	l7SSPILong   = 90
)

// optionFlags2 bit: integrated (Windows) security.
const fIntSecurity = 0x80

// login7 is a decoded LOGIN7 request.
type login7 struct {
	info       LoginInfo
	integrated bool
	sspi       []byte // the SSPI token (bytes, not characters)
}

// decodeLogin7 parses a LOGIN7 payload. Strings are UCS-2 and located by
// (offset, character count) pairs relative to the payload start.
func decodeLogin7(p []byte) (login7, error) {
	var l login7
	if len(p) < login7HeaderSize {
		return l, fmt.Errorf("tds: login7 shorter than its header (%d bytes)", len(p))
	}
	le := binary.LittleEndian
	l.info.TDSVersion = le.Uint32(p[4:])
	l.info.PacketSize = int(le.Uint32(p[8:]))
	l.info.ClientPID = le.Uint32(p[16:])
	l.integrated = p[25]&fIntSecurity != 0 || le.Uint16(p[l7SSPI+2:]) > 0
	var err error
	field := func(at int) string {
		s, ferr := login7String(p, at)
		if err == nil {
			err = ferr
		}
		return s
	}
	l.info.HostName = field(l7HostName)
	l.info.UserName = field(l7UserName)
	l.info.AppName = field(l7AppName)
	l.info.ServerName = field(l7ServerName)
	l.info.Language = field(l7Language)
	l.info.Database = field(l7Database)
	pw, perr := at(p, l7Password).bytes(p)
	l.info.Password = unmanglePassword(pw)
	if err == nil {
		err = perr
	}
	if l.sspi, perr = sspiSpan(p).bytes(p); err == nil {
		err = perr
	}
	return l, err
}

// sspiSpan locates the SSPI token: its length counts bytes, and 0xFFFF
// means the length is in SSPILongLength (MS-TDS 2.2.6.4).
func sspiSpan(p []byte) span {
	le := binary.LittleEndian
	s := span{int(le.Uint16(p[l7SSPI:])), int(le.Uint16(p[l7SSPI+2:]))}
	if s.n == 0xFFFF {
		s.n = int(le.Uint32(p[l7SSPILong:]))
	}
	return s
}

// span is the byte range of one LOGIN7 variable field.
type span struct{ off, n int }

func at(p []byte, hdrOff int) span {
	le := binary.LittleEndian
	return span{int(le.Uint16(p[hdrOff:])), 2 * int(le.Uint16(p[hdrOff+2:]))}
}

func (s span) bytes(p []byte) ([]byte, error) {
	if s.n == 0 {
		return nil, nil
	}
	if s.off+s.n > len(p) {
		return nil, fmt.Errorf("tds: login7 field at %d+%d beyond %d bytes", s.off, s.n, len(p))
	}
	return p[s.off : s.off+s.n], nil
}

func login7String(p []byte, hdrOff int) (string, error) {
	b, err := at(p, hdrOff).bytes(p)
	return decodeUCS2(b), err
}

// unmanglePassword reverses the client's obfuscation: each byte was
// nibble-swapped and XORed with 0xA5.
func unmanglePassword(b []byte) string {
	plain := make([]byte, len(b))
	for i, c := range b {
		c ^= 0xA5
		plain[i] = c<<4 | c>>4
	}
	return decodeUCS2(plain)
}
