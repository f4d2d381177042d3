package topology

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrNoBOM reports a UTF-16 file without a byte order mark. Windows
// PowerShell writes one (Out-File, Set-Content -Encoding Unicode), so a
// file without it has been re-encoded by something else; pcsh does not
// guess its byte order.
var ErrNoBOM = errors.New("the file looks like UTF-16 without a byte order mark")

// xmlText returns the input as UTF-8 without a BOM: UTF-16LE or UTF-16BE
// with their BOM are transcoded, UTF-8 with or without a BOM is kept.
// UTF-16 without a BOM (a NUL byte next to the first '<') is ErrNoBOM.
func xmlText(b []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], "UTF-8 with BOM", checkUTF8(b[3:])
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		out, err := fromUTF16(b[2:], false)
		return out, "UTF-16LE with BOM", err
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := fromUTF16(b[2:], true)
		return out, "UTF-16BE with BOM", err
	}
	if looksUTF16(b) {
		return nil, "", ErrNoBOM
	}
	return b, "UTF-8", checkUTF8(b)
}

// looksUTF16 reports whether the first non-blank character is stored in
// two bytes, one of them NUL: "<\x00" or "\x00<".
func looksUTF16(b []byte) bool {
	for len(b) >= 2 && (b[0] == 0 || b[0] == ' ' || b[0] == '\r' || b[0] == '\n' || b[0] == '\t') &&
		(b[1] == 0 || b[1] == ' ' || b[1] == '\r' || b[1] == '\n' || b[1] == '\t') && !(b[0] == 0 && b[1] == 0) {
		b = b[2:]
	}
	return len(b) >= 2 && ((b[0] == '<' && b[1] == 0) || (b[0] == 0 && b[1] == '<'))
}

func checkUTF8(b []byte) error {
	if !utf8.Valid(b) {
		return errors.New("the file is neither UTF-8 nor UTF-16 with a byte order mark")
	}
	return nil
}

// fromUTF16 transcodes UTF-16 code units to UTF-8; an odd length or a lone
// surrogate is an error, not a replacement character.
func fromUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("the UTF-16 text has an odd number of bytes (truncated?)")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(units))
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if i+1 >= len(units) {
				return nil, errors.New("the UTF-16 text ends inside a surrogate pair")
			}
			r := utf16.DecodeRune(rune(u), rune(units[i+1]))
			if r == utf8.RuneError {
				return nil, errors.New("the UTF-16 text has an unpaired surrogate")
			}
			out = utf8.AppendRune(out, r)
			i++
		default:
			out = utf8.AppendRune(out, rune(u))
		}
	}
	return out, nil
}
