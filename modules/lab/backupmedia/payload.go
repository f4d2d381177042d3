package backupmedia

import (
	"crypto/sha256"
	"hash/crc32"
	"io"

	"pcsh/modules/lab/bincode"
)

// Payload is encoded bytes as segments: an encoder's own buffers and,
// between them, large values referenced in place rather than copied. A
// 512 MiB backup then needs neither a 512 MiB zeroed buffer nor a copy of
// every value.
type Payload [][]byte

// Size is the payload's length in bytes.
func (p Payload) Size() int {
	n := 0
	for _, s := range p {
		n += len(s)
	}
	return n
}

// CRC is the CRC-32C of the payload's bytes.
func (p Payload) CRC() uint32 {
	var c uint32
	tab := bincode.CRCTable()
	for _, s := range p {
		c = crc32.Update(c, tab, s)
	}
	return c
}

// SHA256 is the SHA-256 digest of the payload's bytes.
func (p Payload) SHA256() [sha256.Size]byte {
	h := sha256.New()
	for _, s := range p {
		h.Write(s)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// Flatten returns the payload as one slice (copying unless it already is
// one segment).
func (p Payload) Flatten() []byte {
	if len(p) == 1 {
		return p[0]
	}
	out := make([]byte, 0, p.Size())
	for _, s := range p {
		out = append(out, s...)
	}
	return out
}

// WriteTo writes the payload to w in pieces of at most TransferChunk
// bytes, calling progress with the bytes written so far after each.
func (p Payload) WriteTo(w io.Writer, progress func(int)) error {
	done := 0
	for _, s := range p {
		for len(s) > 0 {
			n := min(TransferChunk, len(s))
			if _, err := w.Write(s[:n]); err != nil {
				return err
			}
			s, done = s[n:], done+n
			progress(done)
		}
	}
	return nil
}
