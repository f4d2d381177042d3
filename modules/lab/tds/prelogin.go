package tds

import (
	"encoding/binary"
	"fmt"
)

// PRELOGIN option tokens (MS-TDS 2.2.6.5).
const (
	preVersion    = 0x00
	preEncryption = 0x01
	preInstOpt    = 0x02
	preThreadID   = 0x03
	preMARS       = 0x04
	preTraceID    = 0x05
	preFedAuth    = 0x06
	preTerminator = 0xFF
)

// Encryption negotiation values.
const (
	encryptOff    = 0x00
	encryptOn     = 0x01
	encryptNotSup = 0x02
	encryptReq    = 0x03
	encryptStrict = 0x04
)

// prelogin holds the PRELOGIN options the server cares about.
type prelogin struct {
	version    []byte
	encryption byte
	instance   string
	threadID   uint32
	mars       byte
}

// decodePrelogin parses a PRELOGIN payload: an option table of
// (token, offset BE, length BE) entries ended by 0xFF, then the data.
func decodePrelogin(p []byte) (prelogin, error) {
	pl := prelogin{encryption: encryptOff}
	for off := 0; ; off += 5 {
		if off >= len(p) {
			return pl, fmt.Errorf("tds: prelogin option table not terminated")
		}
		if p[off] == preTerminator {
			return pl, nil
		}
		if off+5 > len(p) {
			return pl, fmt.Errorf("tds: prelogin option table truncated")
		}
		start := int(binary.BigEndian.Uint16(p[off+1:]))
		n := int(binary.BigEndian.Uint16(p[off+3:]))
		if start+n > len(p) {
			return pl, fmt.Errorf("tds: prelogin option %#x out of bounds", p[off])
		}
		pl.set(p[off], p[start:start+n])
	}
}

// set records one option value; unknown options are ignored.
func (pl *prelogin) set(token byte, v []byte) {
	switch {
	case token == preVersion:
		pl.version = v
	case token == preEncryption && len(v) >= 1:
		pl.encryption = v[0]
	case token == preInstOpt:
		pl.instance = cString(v)
	case token == preThreadID && len(v) >= 4:
		pl.threadID = binary.BigEndian.Uint32(v)
	case token == preMARS && len(v) >= 1:
		pl.mars = v[0]
	}
}

// cString returns v up to its first NUL.
func cString(v []byte) string {
	for i, c := range v {
		if c == 0 {
			return string(v[:i])
		}
	}
	return string(v)
}

// encodePrelogin builds the server's PRELOGIN response: VERSION, ENCRYPTION,
// INSTOPT (0: the instance name matched), THREADID and MARS off.
func encodePrelogin(version uint32, encryption byte, threadID uint32) []byte {
	opts := []struct {
		token byte
		data  []byte
	}{
		{preVersion, []byte{byte(version >> 24), byte(version >> 16), byte(version >> 8), byte(version), 0, 0}},
		{preEncryption, []byte{encryption}},
		{preInstOpt, []byte{0}},
		{preThreadID, binary.BigEndian.AppendUint32(nil, threadID)},
		{preMARS, []byte{0}},
	}
	table := make([]byte, 0, 5*len(opts)+1)
	var data []byte
	off := 5*len(opts) + 1
	for _, o := range opts {
		table = append(table, o.token)
		table = binary.BigEndian.AppendUint16(table, uint16(off+len(data)))
		table = binary.BigEndian.AppendUint16(table, uint16(len(o.data)))
		data = append(data, o.data...)
	}
	return append(append(table, preTerminator), data...)
}

// negotiateEncryption answers the client's ENCRYPTION option. The server
// can always do TLS, so it mirrors the client: NOT_SUP stays plaintext, OFF
// encrypts the login only, ON and REQ encrypt the whole session.
func negotiateEncryption(client byte) byte {
	switch client {
	case encryptNotSup:
		return encryptNotSup
	case encryptOn, encryptReq:
		return encryptOn
	default:
		return encryptOff
	}
}
