package engine

import (
	"crypto/sha256"
	"hash/crc32"
	"io"
)

// aliasMin is the size from which an encoder in alias mode references a
// byte value in place instead of copying it.
const aliasMin = 64 << 10

// payload is encoded bytes as segments: the encoder's own buffers and,
// between them, large values of rows referenced in place rather than
// copied (rows are immutable). A 512 MiB backup then needs neither a
// 512 MiB zeroed buffer nor a copy of every value.
type payload [][]byte

// aliasing starts alias mode: from now on bytes(p) of aliasMin or more
// are referenced, not copied; finish returns the segments.
func (e *enc) aliasing() { e.alias = true }

// finish returns what was encoded as a payload.
func (e *enc) finish() payload {
	if len(e.b) > 0 || len(e.segs) == 0 {
		e.segs = append(e.segs, e.b)
	}
	out := payload(e.segs)
	e.b, e.segs = nil, nil
	return out
}

// aliasBytes appends p's length and references p itself as a segment.
func (e *enc) aliasBytes(p []byte) {
	e.uvarint(uint64(len(p)))
	e.segs = append(e.segs, e.b, p)
	e.b = make([]byte, 0, 4<<10)
}

// size is the payload's length in bytes.
func (p payload) size() int {
	n := 0
	for _, s := range p {
		n += len(s)
	}
	return n
}

// crc is the CRC-32C of the payload's bytes.
func (p payload) crc() uint32 {
	var c uint32
	tab := crcTable()
	for _, s := range p {
		c = crc32.Update(c, tab, s)
	}
	return c
}

// sha256 is the SHA-256 digest of the payload's bytes.
func (p payload) sha256() [sha256.Size]byte {
	h := sha256.New()
	for _, s := range p {
		h.Write(s)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// flatten returns the payload as one slice (copying unless it already is
// one segment).
func (p payload) flatten() []byte {
	if len(p) == 1 {
		return p[0]
	}
	out := make([]byte, 0, p.size())
	for _, s := range p {
		out = append(out, s...)
	}
	return out
}

// writeTo writes the payload to w in pieces of at most transferChunk
// bytes, calling progress with the bytes written so far after each.
func (p payload) writeTo(w io.Writer, progress func(int)) error {
	done := 0
	for _, s := range p {
		for len(s) > 0 {
			n := min(transferChunk, len(s))
			if _, err := w.Write(s[:n]); err != nil {
				return err
			}
			s, done = s[n:], done+n
			progress(done)
		}
	}
	return nil
}
