package mirror

import (
	"crypto/rand"
	"sync"
	"time"
)

// connStats is what sys.dm_db_mirroring_connections shows of one endpoint
// connection: its identity, when it opened and logged in, and its traffic.
// A connection is logged in once a Welcome that accepts the Hello crossed
// it (the lab's handshake; SQL Server's is the endpoint login).
type connStats struct {
	mu sync.Mutex
	d  connData
}

// connData is one connection's values.
type connData struct {
	id, stream   [16]byte
	accepted     bool
	connectTime  time.Time
	loginTime    time.Time
	lastActivity time.Time
	bytesSent    int64
	bytesRecv    int64
	framesSent   int64
	framesRecv   int64
}

// newConnStats starts the statistics of a connection opened at t;
// accepted is true for one the remote instance opened.
func newConnStats(t time.Time, accepted bool) *connStats {
	cs := &connStats{d: connData{accepted: accepted, connectTime: t, lastActivity: t}}
	_, _ = rand.Read(cs.d.id[:])
	_, _ = rand.Read(cs.d.stream[:])
	return cs
}

// sent records one frame of n bytes written at t.
func (cs *connStats) sent(t time.Time, n int, f *Frame) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.d.bytesSent += int64(n)
	cs.d.framesSent++
	cs.d.lastActivity = t
	cs.noteLogin(t, f)
}

// received records one frame of n bytes read at t.
func (cs *connStats) received(t time.Time, n int, f *Frame) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.d.bytesRecv += int64(n)
	cs.d.framesRecv++
	cs.d.lastActivity = t
	cs.noteLogin(t, f)
}

// noteLogin marks the connection logged in at the first accepting Welcome.
func (cs *connStats) noteLogin(t time.Time, f *Frame) {
	if cs.d.loginTime.IsZero() && f != nil && f.Type == FrameWelcome && f.Error == 0 {
		cs.d.loginTime = t
	}
}

// snapshot returns the connection's values now.
func (cs *connStats) snapshot() connData {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.d
}
