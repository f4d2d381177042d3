package engine

import (
	"fmt"
	"math"
	"os"
	"pcsh/runtime/atomicfile"
)

// replay applies the WAL records after seq, the checkpoint's position,
// and returns the last one applied. Segments are read in order, each up
// to its first torn frame: a torn frame ends a segment, not the log, for
// the segment after it starts where an earlier recovery found the log's
// end. Before it returns (and so before anything new is written), replay
// cuts every torn segment at its last good frame and removes segments that
// hold no record, syncing each file and the directory, so a later
// recovery reads the same log and the next segment can be created
// exclusively. A missing record (a gap in the sequence) fails with
// errCorrupt and changes nothing: acknowledged commits would be lost.
func (i *Instance) replay(seq uint64) (uint64, error) {
	dir := i.opts.Dir
	starts, err := segmentStarts(dir)
	if err != nil {
		return 0, err
	}
	segs := make([]segment, 0, len(starts))
	for k, s := range starts {
		limit := uint64(math.MaxUint64)
		if k+1 < len(starts) {
			limit = starts[k+1]
		}
		sg, err := readSegment(dir, s, limit)
		if err != nil {
			return 0, err
		}
		for _, r := range sg.recs {
			if r.seq <= seq {
				continue
			}
			if r.seq != seq+1 {
				return 0, fmt.Errorf("%w: WAL records %d to %d are missing (%s continues at %d)", errCorrupt, seq+1, r.seq-1, segmentName(s), r.seq)
			}
			if err := i.applyWAL(r); err != nil {
				return 0, err
			}
			seq = r.seq
		}
		sg.recs = nil // applied; cutSegments needs only the sizes
		segs = append(segs, sg)
	}
	return seq, cutSegments(dir, segs)
}

// cutSegments truncates each segment to its good frames, removing those
// with none, and syncs what it changed, then the directory.
func cutSegments(dir string, segs []segment) error {
	changed := false
	for _, sg := range segs {
		path := joinPath(dir, segmentName(sg.start))
		switch {
		case sg.good == 0:
			if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
				return err
			}
		case sg.good < sg.size:
			if err := truncateDurably(path, sg.good); err != nil {
				return err
			}
		default:
			continue
		}
		changed = true
	}
	if !changed {
		return nil
	}
	return atomicfile.SyncDir(dir)
}

// truncateDurably cuts the file at path to size bytes and fsyncs it.
func truncateDurably(path string, size int64) error {
	return changeFileDurably(path, 0, func(f *os.File) error { return f.Truncate(size) })
}
