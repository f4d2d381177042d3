package engine

import (
	"bytes"
	"hash/crc32"
	"maps"
	"path/filepath"
	"testing"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/bincode"
)

// forgeCRC returns a copy of b whose last 4 bytes are chosen so that its
// CRC-32C is want. CRC32 is linear: working back from want through the
// table fixes the table index each of the 4 bytes must select, and
// working forward from the prefix gives the bytes that select them.
func forgeCRC(b []byte, want uint32) []byte {
	tab := bincode.CRCTable()
	var inv [256]byte // the table index by the top byte of its entry
	for j := range tab {
		inv[tab[j]>>24] = byte(j)
	}
	var idx [4]byte
	r := ^want
	for k := 3; k >= 0; k-- {
		idx[k] = inv[r>>24]
		r = (r ^ tab[idx[k]]) << 8
	}
	prefix := b[:len(b)-4]
	out := append([]byte(nil), prefix...)
	reg := ^crc32.Checksum(prefix, tab)
	for _, j := range idx {
		out = append(out, byte(reg)^j)
		reg = tab[j] ^ reg>>8
	}
	return out
}

// TestCheckpointReuseNeedsSHA256: an image with the size and CRC32 of the
// previous checkpoint's but other bytes gets a file of its own, and the
// previous file keeps its bytes; an identical image reuses the file.
func TestCheckpointReuseNeedsSHA256(t *testing.T) {
	i := openTest(t, t.TempDir())
	defer i.Close()
	old := bytes.Repeat([]byte("image of mgc "), 8)
	forged := append([]byte("IMAGE"), old[5:]...)
	forged = forgeCRC(forged, crc32.Checksum(old, bincode.CRCTable()))
	if bytes.Equal(old, forged) || len(old) != len(forged) || crc32.Checksum(forged, bincode.CRCTable()) != crc32.Checksum(old, bincode.CRCTable()) {
		t.Fatal("the forged image does not collide with the old one")
	}
	const seq = 1 << 40 // both at the same WAL position, as under SIMPLE
	i.ckptMu.Lock()
	defer i.ckptMu.Unlock()
	prev, err := i.writeImages(seq, []encodedImage{newEncodedImage(99, nil, backupmedia.Payload{old})})
	must(t, err)
	i.images = prev
	next, err := i.writeImages(seq, []encodedImage{newEncodedImage(99, nil, backupmedia.Payload{forged})})
	must(t, err)
	if next[0].file == prev[0].file {
		t.Fatalf("an image with equal size and CRC32 reused %s", prev[0].file)
	}
	if got := mustRead(t, filepath.Join(i.Dir(), next[0].file)); !bytes.Equal(got, forged) {
		t.Fatal("the new image file does not hold the new image")
	}
	if got := mustRead(t, filepath.Join(i.Dir(), prev[0].file)); !bytes.Equal(got, old) {
		t.Fatal("writing the new image changed the previous checkpoint's file")
	}
	same, err := i.writeImages(seq, []encodedImage{newEncodedImage(99, nil, backupmedia.Payload{bytes.Clone(old)})})
	must(t, err)
	if same[0].file != prev[0].file {
		t.Fatalf("an identical image was written again as %s", same[0].file)
	}
}

// TestCheckpointReuseAfterRestart: the digests of a loaded checkpoint's
// images are known, so the recovery checkpoint keeps every unchanged file.
func TestCheckpointReuseAfterRestart(t *testing.T) {
	dir := closedWithOneRow(t)
	before := manifestFiles(t, dir)
	i := openTest(t, dir)
	defer i.Close()
	if after := manifestFiles(t, dir); !maps.Equal(before, after) {
		t.Fatalf("image files %v after a restart, want %v", after, before)
	}
}
