package bincode

import "encoding/binary"

// Reader reads fields from a byte slice. The first failure (a field that
// runs past the end, a bad varint, a count the bytes cannot hold) sets
// Err to the Reader's failure error and empties the Reader; later reads
// return zero values.
type Reader struct {
	b   []byte
	off int
	err error
	bad error
}

// NewReader returns a Reader over b that fails with bad.
func NewReader(b []byte, bad error) Reader { return Reader{b: b, bad: bad} }

// Err returns the first failure, or nil.
func (r *Reader) Err() error { return r.err }

// Len returns the number of unread bytes.
func (r *Reader) Len() int { return len(r.b) - r.off }

// Fail records the Reader's failure error and empties it.
func (r *Reader) Fail() { r.err, r.off = r.bad, len(r.b) }

// Take returns the next n bytes (capacity n), or nil and a failure when
// fewer remain.
func (r *Reader) Take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.off {
		r.Fail()
		return nil
	}
	p := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return p
}

// Rest returns the unread bytes.
func (r *Reader) Rest() []byte { return r.Take(r.Len()) }

// U8 reads a byte.
func (r *Reader) U8() byte {
	if p := r.Take(1); p != nil {
		return p[0]
	}
	return 0
}

// Bool reads a byte as a boolean: any byte but 0 is true.
func (r *Reader) Bool() bool { return r.U8() != 0 }

// U16 reads a little-endian uint16.
func (r *Reader) U16() uint16 {
	if p := r.Take(2); p != nil {
		return binary.LittleEndian.Uint16(p)
	}
	return 0
}

// U32 reads a little-endian uint32.
func (r *Reader) U32() uint32 {
	if p := r.Take(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}

// U64 reads a little-endian uint64.
func (r *Reader) U64() uint64 {
	if p := r.Take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.off += n
	return v
}

// Varint reads a zig-zag varint.
func (r *Reader) Varint() int64 {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.off += n
	return v
}

// Int32 reads a varint that must fit in an int32.
func (r *Reader) Int32() int32 {
	v := r.Varint()
	if v != int64(int32(v)) {
		r.Fail()
	}
	return int32(v)
}

// Count reads an element count as a uvarint and fails on a count the
// unread bytes cannot hold when each element takes at least min bytes,
// so corrupt input cannot force huge allocations.
func (r *Reader) Count(min int) int {
	n := r.Uvarint()
	if n > uint64(r.Len()/max(min, 1)) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Bytes reads a uvarint-prefixed byte string, aliasing the input.
func (r *Reader) Bytes() []byte { return r.Take(r.Count(1)) }

// Str reads a uvarint-prefixed string.
func (r *Reader) Str() string { return string(r.Bytes()) }
