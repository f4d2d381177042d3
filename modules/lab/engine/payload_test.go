package engine

import (
	"bytes"
	"hash/crc32"
	"testing"

	"pcsh/modules/lab/bincode"
)

// TestAliasedEncodingIsIdentical: an encoder that references large values
// in place produces the same bytes, length and checksum as one that
// copies them, and writes them in order with progress.
func TestAliasedEncodingIsIdentical(t *testing.T) {
	big := bytes.Repeat([]byte("pchat"), aliasMin/5+7)
	rows := []Row{{int64(1), big}, {int64(2), []byte("small")}, {int64(3), big[:aliasMin]}, {int64(4), "text"}}
	var plain, aliased enc
	aliased.aliasing()
	for _, r := range rows {
		plain.row(r)
		aliased.row(r)
	}
	p := aliased.finish()
	if len(p) < 3 {
		t.Fatalf("%d segments: the large values were copied", len(p))
	}
	var out bytes.Buffer
	last := 0
	if err := p.WriteTo(&out, func(n int) { last = n }); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), plain.b) || !bytes.Equal(p.Flatten(), plain.b) {
		t.Fatal("aliased payload differs from the copied encoding")
	}
	if p.Size() != len(plain.b) || last != len(plain.b) || p.CRC() != crc32.Checksum(plain.b, bincode.CRCTable()) {
		t.Fatalf("size %d progress %d crc %x, want %d and %x", p.Size(), last, p.CRC(), len(plain.b), crc32.Checksum(plain.b, bincode.CRCTable()))
	}
	var empty enc
	empty.aliasing()
	if e := empty.finish(); e.Size() != 0 || len(e) != 1 {
		t.Fatalf("empty payload %v", e)
	}
}
