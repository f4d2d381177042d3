package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// checkpointFile is the snapshot of the whole instance in the data dir.
const checkpointFile = "checkpoint.pcs"

// checkpointMagic opens every checkpoint file.
const checkpointMagic = "PCSHCKP1"

// Checkpoint writes a snapshot of every database's committed state and
// truncates the WAL behind it. Under SIMPLE recovery it also truncates the
// database logs, as CHECKPOINT does.
func (i *Instance) Checkpoint(ctx context.Context) error {
	i.ckptMu.Lock()
	defer i.ckptMu.Unlock()
	seq, data, err := i.snapshot()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(i.opts.Dir, checkpointFile, appendFrameHeader(nil, data, crcTable()), data); err != nil {
		return err
	}
	return removeSegmentsExcept(i.opts.Dir, seq+1)
}

// snapshot encodes the instance at a WAL boundary: commits are held off
// while the WAL rotates and the images are encoded.
func (i *Instance) snapshot() (uint64, []byte, error) {
	i.commitMu.Lock()
	defer i.commitMu.Unlock()
	seq, err := i.wal.rotate()
	if err != nil {
		return 0, nil, err
	}
	i.mu.RLock()
	nextID, dbs := i.nextDBID, i.databasesLocked()
	i.mu.RUnlock()
	var e enc
	e.grow(dbs)
	e.b = append(e.b, checkpointMagic...)
	e.uvarint(seq)
	e.varint(int64(nextID))
	e.uvarint(uint64(len(dbs)))
	for _, db := range dbs {
		db.mu.Lock()
		db.truncateLog()
		e.database(db.committedImage())
		db.mu.Unlock()
	}
	return seq, e.b, nil
}

// loadCheckpoint reads the snapshot; ok is false when there is none.
func loadCheckpoint(dir string) (seq uint64, nextID int32, dbs []*database, ok bool, err error) {
	b, err := os.ReadFile(joinPath(dir, checkpointFile))
	if os.IsNotExist(err) {
		return 0, 0, nil, false, nil
	}
	if err != nil {
		return 0, 0, nil, false, err
	}
	payload, _, good := readFrame(b, crcTable())
	if !good || !strings.HasPrefix(string(payload), checkpointMagic) {
		return 0, 0, nil, false, errCorrupt
	}
	d := dec{b: payload[len(checkpointMagic):]}
	seq, nextID = d.uvarint(), int32(d.varint())
	for range d.countOf(8) {
		db, derr := d.database()
		if derr != nil {
			return 0, 0, nil, false, derr
		}
		dbs = append(dbs, db)
	}
	return seq, nextID, dbs, true, d.err
}

// writeFileAtomic replaces dir/name with the concatenated parts: write a
// temp file, fsync, rename over the old file, fsync the directory.
func writeFileAtomic(dir, name string, parts ...[]byte) error {
	tmp := joinPath(dir, name+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := f.Write(p); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, joinPath(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
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
	return syncDir(dir)
}
