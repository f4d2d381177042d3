package engine

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pcsh/modules/lab/bincode"
)

// imageFiles lists the names of the database image files in dir.
func imageFiles(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "db-*.img"))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(paths))
	for k, p := range paths {
		names[k] = filepath.Base(p)
	}
	return names
}

// closedWithOneRow creates mgc with one chat row in a new data directory,
// closes the instance (a final checkpoint) and returns the directory.
func closedWithOneRow(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	i := openTest(t, dir)
	s := connect(t, i, "master")
	setupDB(t, i, s, "mgc")
	insertMsg(t, s, "mgc", "one")
	must(t, i.Close())
	return dir
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
	for _, n := range imageFiles(t, dir) {
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
	dir := closedWithOneRow(t)
	for _, n := range imageFiles(t, dir) {
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
	dir := closedWithOneRow(t)
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
	must(t, writeFileAtomic(dir, checkpointFile, bincode.AppendFrameHeader(nil, e.b, bincode.CRCTable()), e.b))
	for _, n := range imageFiles(t, dir) {
		must(t, os.Remove(filepath.Join(dir, n)))
	}
	i := openTest(t, dir)
	defer i.Close()
	if got := rows(t, connect(t, i, "mgc"), "", "chat"); len(got) != 1 {
		t.Fatalf("rows from a v1 checkpoint = %v", got)
	}
	if len(imageFiles(t, dir)) == 0 {
		t.Fatal("reopening did not rewrite the checkpoint as image files")
	}
}
