package mirror

import (
	"pcsh/modules/lab/engine"
)

// Suspend is ALTER DATABASE db SET PARTNER SUSPEND, on either partner:
// the session is SUSPENDED (persistently) and the principal runs exposed,
// keeping the log for the mirror until RESUME.
func (s *Server) Suspend(db string) error {
	ss, err := s.mirroredSession(db)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	principal, connected := ss.principalLocked(), ss.peer != nil
	ss.mu.Unlock()
	if !principal && connected {
		if err := ss.control(&Frame{Type: FrameControl, Op: OpSuspend, DB: ss.name}); err != nil {
			return err
		}
	}
	return ss.setRow(func(m *engine.Mirroring) { m.State = StateSuspended })
}

// Resume is ALTER DATABASE db SET PARTNER RESUME, on the principal (1470
// on the mirror): the mirror resynchronizes from its redo point (or is
// re-seeded when its log diverged after a forced failover).
func (s *Server) Resume(db string) error {
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	if err := ss.setRow(func(m *engine.Mirroring) { m.State = StateDisconnected }); err != nil {
		return err
	}
	ss.mu.Lock()
	peer := ss.peer
	ss.synced = false // SYNCHRONIZING until the handshake caught the mirror up
	ss.bumpLocked()
	ss.mu.Unlock()
	if peer != nil {
		peer.close() // reconnect: the handshake catches the mirror up
	}
	return nil
}

// Off is ALTER DATABASE db SET PARTNER OFF, on either partner: mirroring
// is removed on both when they are connected, otherwise here (the other
// side removes it when it runs OFF too). The principal stays ONLINE, the
// mirror RESTORING.
func (s *Server) Off(db string) error {
	ss, err := s.mirroredSession(db)
	if err != nil {
		return err
	}
	_ = ss.control(&Frame{Type: FrameControl, Op: OpOff, DB: ss.name})
	return ss.remove()
}

// remove ends mirroring of the session's database here.
func (ss *session) remove() error {
	ss.mu.Lock()
	principal, wit := ss.principalLocked(), ss.wit
	ss.mu.Unlock()
	if wit != nil {
		_ = wit.send(ss.witnessFrame(OpRemove))
		wit.closeGently()
	}
	_ = ss.srv.inst.SetLogShipper(ss.name, nil)
	state := engine.StateRestoring
	if principal {
		state = engine.StateOnline
	}
	err := ss.srv.inst.SetMirroringRole(ss.name, nil, state)
	ss.srv.removeSession(ss)
	ss.shutdown()
	ss.logf("%v", engine.Raise(1443, ss.name))
	return err
}

// SetSafety is ALTER DATABASE db SET PARTNER SAFETY FULL | OFF, on the
// principal (1470): OFF makes commits asynchronous (high-performance).
func (s *Server) SetSafety(db string, full bool) error {
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	level := SafetyOff
	if full {
		level = SafetyFull
	}
	if err := ss.setRow(func(m *engine.Mirroring) {
		if m.SafetyLevel != level {
			m.SafetyLevel, m.SafetySequence = level, m.SafetySequence+1
		}
	}); err != nil {
		return err
	}
	ss.pushConfig()
	return nil
}

// SetTimeout is ALTER DATABASE db SET PARTNER TIMEOUT n, on the principal
// (1470): seconds without a ping before a partner is considered lost;
// 0-4 become 5, above 32767 raises 1476.
func (s *Server) SetTimeout(db string, seconds int) error {
	if seconds > maxTimeout {
		return engine.Raise(1476, int64(seconds))
	}
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	if err := ss.setRow(func(m *engine.Mirroring) { m.ConnectionTimeout = int32(max(seconds, minTimeout)) }); err != nil {
		return err
	}
	ss.pushConfig()
	return nil
}
