package engine

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// imageFiles lists the database image files in dir with their
// modification state (name → size).
func imageFiles(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "db-*.img"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, n := range names {
		st, err := os.Stat(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = st.Size()
	}
	return out
}

// TestCheckpointRewritesOnlyChangedImages: a checkpoint keeps the image
// file of every database that did not change and writes a new one for the
// database that did; stale files go, and a restart reads the manifest.
func TestCheckpointRewritesOnlyChangedImages(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	setupDB(t, i, s, "other")
	insertMsg(t, s, "other", "x")
	must(t, i.Checkpoint(context.Background()))
	before := manifestFiles(t, dir)
	insertMsg(t, s, "mgc", "one")
	must(t, i.Checkpoint(context.Background()))
	after := manifestFiles(t, dir)
	if len(before) != len(after) {
		t.Fatalf("before %v after %v", before, after)
	}
	for k := range before {
		if changed := before[k] != after[k]; changed != (k == "mgc") {
			t.Errorf("%s: image %s -> %s: only mgc changed", k, before[k], after[k])
		}
	}
	for n := range imageFiles(t, dir) {
		if !slices.Contains(slices.Collect(maps.Values(after)), n) {
			t.Errorf("stale image file %s kept", n)
		}
	}
	must(t, i.Close())
	i = openTest(t, dir)
	defer i.Close()
	if got := rows(t, connect(t, i, "mgc"), "", "chat"); len(got) != 1 || got[0][1] != "one" {
		t.Fatalf("rows after restart = %v", got)
	}
}

// manifestFiles maps each database of the checkpoint in dir to the image
// file its manifest entry names.
func manifestFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	st, ok, err := loadCheckpoint(dir)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	out := map[string]string{}
	for k, db := range st.dbs {
		out[db.info.Name] = st.images[k].file
	}
	return out
}

// TestCheckpointDamagedImageRefused: a database image that does not match
// the manifest's checksum fails the open instead of loading wrong data.
func TestCheckpointDamagedImageRefused(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	insertMsg(t, s, "mgc", "one")
	must(t, i.Close())
	for n := range imageFiles(t, dir) {
		p := filepath.Join(dir, n)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 0xff
		must(t, os.WriteFile(p, b, 0o644))
	}
	if i, err := Open(Options{Name: "LAB1", Dir: dir, Now: fixedClock()}); err == nil {
		i.Close()
		t.Fatal("opened an instance whose image files are damaged")
	}
}

// TestCheckpointReadsInlineFormat: a data directory written by the first
// checkpoint format (every image inline) still opens.
func TestCheckpointReadsInlineFormat(t *testing.T) {
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	insertMsg(t, s, "mgc", "one")
	must(t, i.Close())
	st, ok, err := loadCheckpoint(dir)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	e := enc{b: []byte(checkpointMagicV1)}
	e.uvarint(st.seq)
	e.varint(int64(st.nextID))
	e.uvarint(uint64(len(st.dbs)))
	for _, db := range st.dbs {
		e.database(db)
	}
	must(t, writeFileAtomic(dir, checkpointFile, appendFrameHeader(nil, e.b, crcTable()), e.b))
	for n := range imageFiles(t, dir) {
		must(t, os.Remove(filepath.Join(dir, n)))
	}
	i = openTest(t, dir)
	defer i.Close()
	if got := rows(t, connect(t, i, "mgc"), "", "chat"); len(got) != 1 {
		t.Fatalf("rows from a v1 checkpoint = %v", got)
	}
	if len(imageFiles(t, dir)) == 0 {
		t.Fatal("reopening did not rewrite the checkpoint as image files")
	}
}
