package tds

import (
	"encoding/binary"
	"errors"
	"unicode/utf16"

	"pcsh/modules/lab/bincode"
)

// errShort reports a message that ends before a field it announces.
var errShort = errors.New("tds: message too short")

// encoder appends little-endian TDS fields to a byte slice.
type encoder struct {
	b []byte
}

func (e *encoder) u8(v byte)    { e.b = append(e.b, v) }
func (e *encoder) u16(v uint16) { e.b = binary.LittleEndian.AppendUint16(e.b, v) }
func (e *encoder) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *encoder) u64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *encoder) raw(p []byte) { e.b = append(e.b, p...) }

// ucs2 appends s as UTF-16LE without a length prefix.
func (e *encoder) ucs2(s string) {
	for _, r := range utf16.Encode([]rune(s)) {
		e.u16(r)
	}
}

// bVarChar appends a B_VARCHAR: a character count byte and UTF-16LE text,
// truncated to 255 code units.
func (e *encoder) bVarChar(s string) {
	u := truncUTF16(s, 0xFF)
	e.u8(byte(len(u)))
	for _, r := range u {
		e.u16(r)
	}
}

// usVarChar appends a US_VARCHAR: a 16-bit character count and UTF-16LE text.
func (e *encoder) usVarChar(s string) {
	u := truncUTF16(s, 0xFFFF)
	e.u16(uint16(len(u)))
	for _, r := range u {
		e.u16(r)
	}
}

// patchU16 writes v at offset off, for length fields known only afterwards.
func (e *encoder) patchU16(off int, v uint16) {
	binary.LittleEndian.PutUint16(e.b[off:], v)
}

func truncUTF16(s string, max int) []uint16 {
	u := utf16.Encode([]rune(s))
	if len(u) > max {
		u = u[:max]
	}
	return u
}

// decoder reads TDS fields: a bincode.Reader that fails with errShort,
// and UTF-16LE text.
type decoder struct{ bincode.Reader }

func newDecoder(p []byte) decoder { return decoder{bincode.NewReader(p, errShort)} }

// ucs2 reads n UTF-16LE code units.
func (d *decoder) ucs2(n int) string { return decodeUCS2(d.Take(2 * n)) }

func (d *decoder) bVarChar() string  { return d.ucs2(int(d.U8())) }
func (d *decoder) usVarChar() string { return d.ucs2(int(d.U16())) }

// decodeUCS2 converts UTF-16LE bytes to a string; an odd trailing byte is
// dropped.
func decodeUCS2(p []byte) string {
	u := make([]uint16, len(p)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(p[2*i:])
	}
	return string(utf16.Decode(u))
}

// encodeUCS2 converts s to UTF-16LE bytes.
func encodeUCS2(s string) []byte {
	var e encoder
	e.ucs2(s)
	return e.b
}
