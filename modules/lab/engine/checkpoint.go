package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/bincode"
	"pcsh/runtime/atomicfile"
)

// checkpointFile is the checkpoint manifest in the data dir: the WAL
// position the checkpoint covers and the image file of each database.
const checkpointFile = "checkpoint.pcs"

// The manifest formats: v1 held every database's image inline; v2 names
// one image file per database holding its tables and log (the catalog
// row, LSN and chain are inline), so a checkpoint rewrites only the data
// that changed: a RESTORE writes the restored database, not the instance,
// and a BACKUP, which moves only the chain, writes no data at all.
const (
	checkpointMagicV1 = "PCSHCKP1"
	checkpointMagic   = "PCSHCKP2"
)

// dbImage is a database's image as a manifest records it: the small
// meta part (catalog row, LSN, chain) inline, the tables and log in file.
// sum, the SHA-256 of the file, is not in the manifest: it is computed
// when the image is written or loaded, and decides whether the next
// checkpoint can keep the file (CRC32 and size are easily matched by
// different images).
type dbImage struct {
	meta []byte
	file string
	size uint64
	crc  uint32
	sum  [sha256.Size]byte
}

// Checkpoint writes a snapshot of every database's committed state and
// truncates the WAL behind it. Under SIMPLE recovery it also truncates the
// database logs, as CHECKPOINT does. Images identical to the previous
// checkpoint's are kept, not written again. When Options.Disk
// refuses the data directory (a full disk) it writes nothing and returns
// an error wrapping ErrCheckpointDeferred.
func (i *Instance) Checkpoint(ctx context.Context) error {
	return i.checkpoint(ctx, false)
}

// checkpoint is Checkpoint; force writes even to a full data disk, for a
// RESTORE whose result exists only in memory until it is checkpointed
// (RESTORE DATABASE checks the disk first and fails with 3257).
func (i *Instance) checkpoint(ctx context.Context, force bool) error {
	i.ckptMu.Lock()
	defer i.ckptMu.Unlock()
	if !force {
		if err := i.checkpointRefused(); err != nil {
			return err
		}
	}
	seq, nextID, images, err := i.snapshot()
	if err != nil {
		return err
	}
	entries, err := i.writeImages(seq, images)
	if err != nil {
		return err
	}
	m := encodeManifest(seq, nextID, entries)
	if err := writeFileAtomic(i.opts.Dir, checkpointFile, bincode.AppendFrameHeader(nil, m, bincode.CRCTable()), m); err != nil {
		return err
	}
	i.images = entries
	if err := removeStaleImages(i.opts.Dir, entries); err != nil {
		return err
	}
	return removeSegmentsExcept(i.opts.Dir, seq+1)
}

// encodedImage is one database's encoded committed state and the
// checksums of its data part.
type encodedImage struct {
	id   int32
	meta []byte
	data backupmedia.Payload
	crc  uint32
	sum  [sha256.Size]byte
}

// newEncodedImage is database id's image with its checksums computed.
func newEncodedImage(id int32, meta []byte, data backupmedia.Payload) encodedImage {
	return encodedImage{id: id, meta: meta, data: data, crc: data.CRC(), sum: data.SHA256()}
}

// snapshot encodes each database at a WAL boundary: commits are held off
// while the WAL rotates and the images are encoded, one database per
// core at a time.
func (i *Instance) snapshot() (uint64, int32, []encodedImage, error) {
	i.commitMu.Lock()
	defer i.commitMu.Unlock()
	seq, err := i.wal.rotate()
	if err != nil {
		return 0, 0, nil, err
	}
	i.mu.RLock()
	nextID, dbs := i.nextDBID, i.databasesLocked()
	i.mu.RUnlock()
	out := make([]encodedImage, len(dbs))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k, db := range dbs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			out[k] = db.encodeImage()
		}()
	}
	wg.Wait()
	return seq, nextID, out, nil
}

// encodeImage truncates db's log as far as the chain allows and encodes
// its committed state.
func (db *database) encodeImage() encodedImage {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.truncateLog()
	img := db.committedImage()
	var meta enc
	meta.databaseMeta(img)
	var data enc
	data.aliasing()
	data.databaseData(img)
	return newEncodedImage(db.info.ID, meta.b, data.finish())
}

// writeImages makes each image durable in its own file, reusing the
// previous checkpoint's file when the bytes are the same (their SHA-256
// digests match), and returns the manifest entries in database order.
func (i *Instance) writeImages(seq uint64, images []encodedImage) ([]dbImage, error) {
	prev := map[[sha256.Size]byte]dbImage{}
	for _, p := range i.images {
		prev[p.sum] = p
	}
	out := make([]dbImage, 0, len(images))
	for _, img := range images {
		entry := dbImage{meta: img.meta, size: uint64(img.data.Size()), crc: img.crc, sum: img.sum}
		if p, ok := prev[entry.sum]; ok && p.size == entry.size {
			entry.file = p.file
			out = append(out, entry)
			continue
		}
		entry.file = imageName(img.id, seq, entry.sum)
		if err := writeFileDurable(i.opts.Dir, entry.file, img.data); err != nil {
			return nil, err
		}
		out = append(out, entry)
	}
	return out, atomicfile.SyncDir(i.opts.Dir)
}

// imageName is the file of database id's image in the checkpoint after
// WAL record seq. The image's SHA-256 is part of the name: two
// checkpoints at the same WAL position (SIMPLE recovery truncates the log
// without a record) never write over a file the current manifest names.
func imageName(id int32, seq uint64, sum [sha256.Size]byte) string {
	return fmt.Sprintf("db-%d-%016x-%x.img", id, seq, sum)
}

// encodeManifest encodes the checkpoint manifest.
func encodeManifest(seq uint64, nextID int32, entries []dbImage) []byte {
	var e enc
	e.b = append(e.b, checkpointMagic...)
	e.uvarint(seq)
	e.varint(int64(nextID))
	e.uvarint(uint64(len(entries)))
	for _, en := range entries {
		e.bytes(en.meta)
		e.str(en.file)
		e.uvarint(en.size)
		e.b = binary.LittleEndian.AppendUint32(e.b, en.crc)
	}
	return e.b
}

// checkpointState is what loadCheckpoint recovers.
type checkpointState struct {
	seq    uint64
	nextID int32
	dbs    []*database
	images []dbImage // nil for a v1 checkpoint
}

// loadCheckpoint reads the checkpoint; ok is false when there is none. A
// missing or damaged image file fails the load: the data directory is
// corrupt.
func loadCheckpoint(dir string) (st checkpointState, ok bool, err error) {
	b, err := os.ReadFile(joinPath(dir, checkpointFile))
	if os.IsNotExist(err) {
		return st, false, nil
	}
	if err != nil {
		return st, false, err
	}
	payload, _, good := bincode.ReadFrame(b, bincode.CRCTable())
	switch {
	case good && strings.HasPrefix(string(payload), checkpointMagic):
		st, err = loadManifest(dir, payload[len(checkpointMagic):])
	case good && strings.HasPrefix(string(payload), checkpointMagicV1):
		st, err = loadInline(payload[len(checkpointMagicV1):])
	default:
		err = errCorrupt
	}
	return st, err == nil, err
}

// loadManifest reads a v2 manifest and the image files it names.
func loadManifest(dir string, payload []byte) (checkpointState, error) {
	d := newDec(payload)
	st := checkpointState{seq: d.Uvarint(), nextID: int32(d.Varint())}
	for range d.Count(8) {
		en := dbImage{meta: d.bytes(), file: d.Str(), size: d.Uvarint()}
		en.crc = d.U32()
		if d.Err() != nil {
			return st, d.Err()
		}
		db, err := loadImage(dir, &en)
		if err != nil {
			return st, err
		}
		st.dbs, st.images = append(st.dbs, db), append(st.images, en)
	}
	return st, d.Err()
}

// loadImage reads and checks one database image file and records its
// SHA-256 in en.
func loadImage(dir string, en *dbImage) (*database, error) {
	if filepath.Base(en.file) != en.file {
		return nil, errCorrupt
	}
	b, err := os.ReadFile(joinPath(dir, en.file))
	if err != nil {
		return nil, fmt.Errorf("engine: checkpoint image: %w", err)
	}
	if uint64(len(b)) != en.size || crc32.Checksum(b, bincode.CRCTable()) != en.crc {
		return nil, errCorrupt
	}
	en.sum = sha256.Sum256(b)
	m := newDec(en.meta)
	db := m.databaseMeta()
	if m.Err() != nil {
		return nil, m.Err()
	}
	d := newDec(b)
	return db, d.databaseData(db)
}

// loadInline reads a v1 checkpoint, whose images are inline.
func loadInline(payload []byte) (checkpointState, error) {
	d := newDec(payload)
	st := checkpointState{seq: d.Uvarint(), nextID: int32(d.Varint())}
	for range d.Count(8) {
		db, err := d.database()
		if err != nil {
			return st, err
		}
		st.dbs = append(st.dbs, db)
	}
	return st, d.Err()
}

// removeStaleImages deletes image files the manifest no longer names.
func removeStaleImages(dir string, keep []dbImage) error {
	names, err := filepath.Glob(joinPath(dir, "db-*.img"))
	if err != nil {
		return err
	}
	live := map[string]bool{}
	for _, en := range keep {
		live[en.file] = true
	}
	for _, n := range names {
		if !live[filepath.Base(n)] {
			if err := os.Remove(n); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

// writeFileDurable writes dir/name and fsyncs it; the caller syncs the
// directory once for all the files it writes.
func writeFileDurable(dir, name string, data backupmedia.Payload) error {
	return changeFileDurably(joinPath(dir, name), os.O_CREATE|os.O_TRUNC, func(f *os.File) error {
		return data.WriteTo(f, func(int) {})
	})
}

// changeFileDurably opens path for writing with the extra flags, applies
// change and fsyncs the file before closing it.
func changeFileDurably(path string, flags int, change func(*os.File) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|flags, 0o644)
	if err != nil {
		return err
	}
	if err := change(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeFileAtomic replaces dir/name with the concatenated parts
// (atomicfile.WriteAtomic: a temporary file, fsync, rename, fsync the
// directory).
func writeFileAtomic(dir, name string, parts ...[]byte) error {
	return atomicfile.WriteAtomic(joinPath(dir, name), 0o644, func(w io.Writer) error {
		return backupmedia.Payload(parts).WriteTo(w, func(int) {})
	})
}

// segmentStarts lists the WAL segments in dir by first sequence number.
func segmentStarts(dir string) ([]uint64, error) {
	names, err := filepath.Glob(joinPath(dir, "wal-*.log"))
	if err != nil {
		return nil, err
	}
	var starts []uint64
	for _, n := range names {
		hex := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(n), "wal-"), ".log")
		if v, err := strconv.ParseUint(hex, 16, 64); err == nil {
			starts = append(starts, v)
		}
	}
	return starts, nil // Glob returns sorted names; fixed-width hex sorts numerically
}

// removeSegmentsExcept deletes every WAL segment but the current one, which
// starts at keep; the checkpoint just written covers all their records.
func removeSegmentsExcept(dir string, keep uint64) error {
	starts, err := segmentStarts(dir)
	if err != nil {
		return err
	}
	for _, s := range starts {
		if s != keep {
			if err := os.Remove(joinPath(dir, segmentName(s))); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return atomicfile.SyncDir(dir)
}
