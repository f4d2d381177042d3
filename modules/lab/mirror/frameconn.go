package mirror

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"sync"
	"time"
)

// frameConn is one endpoint connection carrying frames. Sends are
// serialized; a single goroutine receives.
type frameConn struct {
	c    net.Conn
	r    *bufio.Reader
	wmu  sync.Mutex
	buf  []byte
	once sync.Once
	done chan struct{}

	stats   *connStats       // nil for a connection nobody tracks
	now     func() time.Time // the mirroring clock, with stats
	onClose func()           // forgets the connection, with stats
}

func newFrameConn(c net.Conn) *frameConn {
	return &frameConn{c: c, r: bufio.NewReaderSize(c, 64<<10), done: make(chan struct{})}
}

// send writes one frame.
func (fc *frameConn) send(f *Frame) error {
	fc.wmu.Lock()
	defer fc.wmu.Unlock()
	fc.buf = AppendFrame(fc.buf[:0], f)
	_, err := fc.c.Write(fc.buf)
	if err != nil {
		fc.close()
		return err
	}
	if fc.stats != nil {
		fc.stats.sent(fc.now(), len(fc.buf), f)
	}
	return nil
}

// recv reads one frame.
func (fc *frameConn) recv() (*Frame, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(fc.r, hdr[:]); err != nil {
		fc.close()
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n > MaxFrame {
		fc.close()
		return nil, errBadFrame
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(fc.r, body); err != nil {
		fc.close()
		return nil, err
	}
	f, err := DecodeFrame(body)
	if err != nil {
		fc.close()
		return f, err
	}
	if fc.stats != nil {
		fc.stats.received(fc.now(), len(hdr)+len(body), f)
	}
	return f, nil
}

// buffered reports whether a complete frame header is already buffered,
// so a receiver can batch log blocks.
func (fc *frameConn) buffered() bool { return fc.r.Buffered() >= 4 }

// close closes the connection abruptly (no lingering data), once.
func (fc *frameConn) close() {
	fc.once.Do(func() {
		fc.forget() // before the peer can see the close: see closeAfterPeer
		if tc, ok := fc.c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = fc.c.Close()
		close(fc.done)
	})
}

// closeAfterPeer ends a connection whose setup failed once the remote
// side has closed its end too, waiting at most wait: the remote forgets a
// connection before it closes it, so when this returns the connection is
// gone from both instances' sys.dm_db_mirroring_connections, as it is
// once the refused ALTER DATABASE … SET PARTNER returns on SQL Server.
func (fc *frameConn) closeAfterPeer(wait time.Duration) {
	if tc, ok := fc.c.(*net.TCPConn); ok && !fc.closed() {
		_ = tc.CloseWrite()
		_ = tc.SetReadDeadline(time.Now().Add(wait))
		_, _ = io.Copy(io.Discard, fc.r)
	}
	fc.close()
}

// forget drops the connection from its server's list.
func (fc *frameConn) forget() {
	if fc.onClose != nil {
		fc.onClose()
	}
}

// closeGently closes the connection after the data already sent is
// delivered (no reset), once.
func (fc *frameConn) closeGently() {
	fc.once.Do(func() {
		fc.forget()
		_ = fc.c.Close()
		close(fc.done)
	})
}

// closed reports whether the connection was closed.
func (fc *frameConn) closed() bool {
	select {
	case <-fc.done:
		return true
	default:
		return false
	}
}
