package engine

import (
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"sync"
	"sync/atomic"

	"pcsh/modules/lab/bincode"
	"pcsh/runtime/atomicfile"
)

// wal is the write-ahead log: one segment file at a time, appended by a
// single flusher goroutine. Committers queue their records and wait; every
// batch the flusher writes is made durable by one fsync shared by all its
// committers (group commit).
type wal struct {
	dir string
	tab *crc32.Table

	mu      sync.Mutex // guards the fields below
	seq     uint64     // last sequence number handed out
	buf     []byte     // frames not yet written
	waiters []chan error
	err     error // sticky write or sync failure
	closed  bool

	io     sync.Mutex // held while writing to f
	f      *os.File
	size   atomic.Int64 // bytes in the current segment
	syncs  atomic.Int64 // fsyncs done, for tests and benchmarks
	kick   chan struct{}
	exited chan struct{}
}

// segmentName is the file name of the segment whose first record is seq.
func segmentName(seq uint64) string { return fmt.Sprintf("wal-%016x.log", seq) }

// openWAL starts a new segment after record seq and the flusher.
func openWAL(dir string, seq uint64) (*wal, error) {
	w := &wal{dir: dir, tab: bincode.CRCTable(), seq: seq, kick: make(chan struct{}, 1), exited: make(chan struct{})}
	if err := w.startSegment(); err != nil {
		return nil, err
	}
	go w.flusher()
	return w, nil
}

// startSegment creates the segment for the next record and makes its
// directory entry durable. It creates the file exclusively: a segment of
// that name holds records recovery did not remove, and truncating it
// would lose them. The caller holds io (or owns w exclusively).
func (w *wal) startSegment() error {
	f, err := os.OpenFile(joinPath(w.dir, segmentName(w.seq+1)), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := atomicfile.SyncDir(w.dir); err != nil {
		f.Close()
		return err
	}
	w.f = f
	w.size.Store(0)
	return nil
}

// append queues a record payload and returns its sequence number and a
// wait function that returns once the record is durable. encode receives
// the sequence number so it can be stored in the record.
func (w *wal) append(encode func(seq uint64) []byte) (uint64, func() error) {
	done := make(chan error, 1)
	w.mu.Lock()
	if w.err != nil || w.closed {
		err := w.err
		w.mu.Unlock()
		if err == nil {
			err = errors.New("engine: instance is closed")
		}
		return 0, func() error { return err }
	}
	w.seq++
	seq := w.seq
	w.buf = bincode.AppendFrame(w.buf, encode(seq), w.tab)
	w.waiters = append(w.waiters, done)
	w.mu.Unlock()
	select {
	case w.kick <- struct{}{}:
	default:
	}
	return seq, func() error { return <-done }
}

// flusher writes and syncs queued batches until the log is closed.
func (w *wal) flusher() {
	defer close(w.exited)
	prioritizeLogWriter()
	for range w.kick {
		if w.flush() {
			return
		}
	}
}

// flush writes one batch; it reports whether the log has closed.
func (w *wal) flush() (closed bool) {
	w.io.Lock()
	defer w.io.Unlock()
	w.mu.Lock()
	buf, waiters, closed := w.buf, w.waiters, w.closed
	w.buf, w.waiters = nil, nil
	w.mu.Unlock()
	if len(waiters) == 0 {
		return closed
	}
	err := w.writeSync(buf)
	if err != nil {
		w.fail(err)
	}
	for _, c := range waiters {
		c <- err
	}
	return closed
}

// writeSync appends buf to the segment and fsyncs it. The caller holds io.
func (w *wal) writeSync(buf []byte) error {
	if _, err := w.f.Write(buf); err != nil {
		return err
	}
	w.size.Add(int64(len(buf)))
	w.syncs.Add(1)
	return w.f.Sync()
}

// rotate makes everything queued durable and starts a new segment; it
// returns the last sequence number in the old segments. A segment still
// empty is kept: it already starts after seq. Checkpoints call it while
// no commit can queue.
func (w *wal) rotate() (uint64, error) {
	w.io.Lock()
	defer w.io.Unlock()
	w.mu.Lock()
	buf, waiters, seq := w.buf, w.waiters, w.seq
	w.buf, w.waiters = nil, nil
	w.mu.Unlock()
	err := w.writeSync(buf)
	for _, c := range waiters {
		c <- err
	}
	if err != nil {
		return 0, w.fail(err)
	}
	if w.size.Load() == 0 {
		return seq, nil
	}
	if err := w.f.Close(); err != nil {
		return 0, w.fail(err)
	}
	if err := w.startSegment(); err != nil {
		return 0, w.fail(err)
	}
	return seq, nil
}

// fail makes err the log's sticky error, for a segment that is closed
// with no successor open; it returns err.
func (w *wal) fail(err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
	return err
}

// close flushes what is queued, stops the flusher and closes the segment.
func (w *wal) close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.kick <- struct{}{}
	<-w.exited
	w.flush()
	w.mu.Lock()
	err := w.err
	w.mu.Unlock()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// abandon stops the flusher without flushing, as a crash would; tests use
// it to simulate kill -9 within one process.
func (w *wal) abandon() {
	w.mu.Lock()
	w.closed = true
	w.buf = nil
	w.mu.Unlock()
	w.kick <- struct{}{}
	<-w.exited
	w.f.Close()
}
