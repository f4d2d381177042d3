package mirror

import (
	"sync"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// session is one database's mirroring session on this instance, as
// principal or mirror. The stored row (m) is persisted through the engine
// on every configuration or role change; the live fields are not.
type session struct {
	srv  *Server
	name string

	mu       sync.Mutex
	m        engine.Mirroring
	peer     *frameConn
	heard    time.Time // last frame from the partner
	lostAt   time.Time // when the partner link went down
	synced   bool      // principal: caught up; mirror: as the principal reports
	pending  bool      // principal: FAILOVER in progress
	exposed  bool      // principal: may commit without the mirror
	noQuorum bool      // principal: lost both partner and witness
	changed  chan struct{}
	dialing  bool
	stopped  bool

	// principal side
	queue    []engine.LogBlock
	inflight []blockStat
	kick     chan struct{}
	ackNext  sqldb.LSN // first LSN the mirror still needs
	ackEnd   sqldb.LSN // the mirror hardened through here
	shipEnd  sqldb.LSN // end of the last block shipped
	catching bool      // the catch-up block is not acknowledged yet

	// mirror side: the principal's last report
	peerState uint8
	peerEnd   sqldb.LSN
	peerQueue blockStat
	reign     sqldb.LSN // the connected principal's failover LSN

	// witness link
	wit        *frameConn
	witHeard   time.Time
	witDialing bool
	witSees    bool // the witness hears the other partner
	requested  bool // a failover or exposure request is outstanding
	forced     chan *Frame

	pingMu  sync.Mutex // pings leave in the order they are built
	ctrl    sync.Mutex // one Control at a time
	replies chan *Frame
	stop    chan struct{}
}

// blockStat is the size of shipped log not yet acknowledged.
type blockStat struct {
	end   sqldb.LSN
	bytes int64
	txns  int64
}

// newSession builds a session for a stored row.
func newSession(srv *Server, name string, m engine.Mirroring) *session {
	return &session{srv: srv, name: name, m: m, changed: make(chan struct{}), kick: make(chan struct{}, 1),
		replies: make(chan *Frame, 1), stop: make(chan struct{})}
}

// bumpLocked wakes everything waiting for a change; the caller holds mu.
func (s *session) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// principal reports whether this side is the principal; caller holds mu.
func (s *session) principalLocked() bool { return s.m.Role == engine.MirrorRolePrincipal }

// suspendedLocked reports whether the session is SUSPENDED.
func (s *session) suspendedLocked() bool { return s.m.State == StateSuspended }

// timeout returns the partner TIMEOUT; caller holds mu.
func (s *session) timeoutLocked() time.Duration {
	return time.Duration(max(s.m.ConnectionTimeout, minTimeout)) * time.Second
}

// liveStateLocked returns mirroring_state as sys.database_mirroring shows
// it now.
func (s *session) liveStateLocked() uint8 {
	switch {
	case s.suspendedLocked():
		return StateSuspended
	case s.pending:
		return StatePendingFailover
	case s.peer == nil:
		return StateDisconnected
	case !s.principalLocked():
		if s.peerState == StateSynchronized {
			return StateSynchronized
		}
		return StateSynchronizing
	case s.synced:
		return StateSynchronized
	}
	return StateSynchronizing
}

// witnessStateLocked returns mirroring_witness_state.
func (s *session) witnessStateLocked() uint8 {
	switch {
	case s.m.WitnessName == "":
		return WitnessUnknown
	case s.wit != nil:
		return WitnessConnected
	}
	return WitnessDisconnected
}

// store persists a changed row, keeping the database in state.
func (s *session) store(m engine.Mirroring, state engine.DatabaseState) error {
	if err := s.srv.inst.SetMirroringRole(s.name, &m, state); err != nil {
		return err
	}
	s.mu.Lock()
	s.m = m
	s.bumpLocked()
	s.mu.Unlock()
	return nil
}

// dbState returns the engine state a role is kept in.
func dbState(m engine.Mirroring) engine.DatabaseState {
	if m.Role == engine.MirrorRoleMirror {
		return engine.StateRestoring
	}
	return engine.StateOnline
}

// setRow persists a configuration change (safety, timeout, witness,
// suspension) without changing the role.
func (s *session) setRow(change func(*engine.Mirroring)) error {
	s.mu.Lock()
	m := s.m
	s.mu.Unlock()
	change(&m)
	state := dbState(m)
	if m.Role == engine.MirrorRolePrincipal && s.quorumLost() {
		state = engine.StateRecovering
	}
	return s.store(m, state)
}

// quorumLost reports whether the principal lost quorum.
func (s *session) quorumLost() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.noQuorum
}

// shutdown stops the session's goroutines and connections; waiting
// commits fail with ErrStopped.
func (s *session) shutdown() {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.stopped = true
	close(s.stop)
	peer, wit := s.peer, s.wit
	s.bumpLocked()
	s.mu.Unlock()
	for _, fc := range []*frameConn{peer, wit} {
		if fc != nil {
			fc.close()
		}
	}
}

// logf writes an error log line about this database.
func (s *session) logf(format string, args ...any) {
	s.srv.cfg.Logf("%s [%s] "+format, append([]any{s.srv.cfg.ServerName, s.name}, args...)...)
}
