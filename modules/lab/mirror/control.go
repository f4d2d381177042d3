package mirror

import "pcsh/modules/lab/engine"

// control sends an operation to the partner and waits for its reply, up
// to the partner TIMEOUT; 1456 when it cannot be delivered.
func (s *session) control(f *Frame) error {
	s.ctrl.Lock()
	defer s.ctrl.Unlock()
	s.mu.Lock()
	peer, timeout, partner := s.peer, s.timeoutLocked(), s.m.PartnerName
	s.mu.Unlock()
	select {
	case <-s.replies:
	default:
	}
	if peer == nil || peer.send(f) != nil {
		return engine.Raise(1456, partner)
	}
	t := s.srv.cfg.Clock.NewTicker(timeout)
	defer t.Stop()
	select {
	case r := <-s.replies:
		return sqlError(r)
	case <-t.C():
		return engine.Raise(1456, partner)
	case <-peer.done:
		return engine.Raise(1456, partner)
	}
}

// handleControl runs an operation the partner sent and replies.
func (s *session) handleControl(fc *frameConn, f *Frame) {
	var err error
	switch f.Op {
	case OpFailover:
		err = s.acceptFailover(f)
	case OpSuspend:
		err = s.setRow(func(m *engine.Mirroring) { m.State = StateSuspended })
	case OpOff:
		err = s.remove()
	case OpConfig:
		err = s.adoptConfig(f)
	}
	r := &Frame{Type: FrameReply, Op: f.Op}
	if es := engine.SQLErrors(err); len(es) > 0 {
		r.Error = es[0].Number
		r.Args = []string{s.name}
	}
	_ = fc.send(r) // the requester closes the link after a role change or OFF
}
