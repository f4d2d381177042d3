package mirror

import "pcsh/modules/lab/engine"

// promote makes this side the principal with role sequence seq: the
// database comes ONLINE, continuing the log chain, and log shipping
// starts when the former principal comes back. The failover LSN (the
// point of reconciliation) is the mirror's redo point.
func (s *session) promote(seq int32, reason string, suspended bool) error {
	pos, err := s.srv.inst.LogPosition(s.name)
	if err != nil {
		return err
	}
	s.mu.Lock()
	m := s.m
	s.mu.Unlock()
	m.Role, m.RoleSequence, m.FailoverLSN = engine.MirrorRolePrincipal, seq, pos.RedoLSN
	m.State = StateDisconnected
	if suspended {
		m.State = StateSuspended
	}
	if err := s.srv.inst.SetMirroringRole(s.name, &m, engine.StateOnline); err != nil {
		return err
	}
	s.mu.Lock()
	s.m, s.exposed, s.noQuorum, s.requested, s.pending = m, true, false, false, false
	s.ackNext, s.ackEnd, s.shipEnd, s.synced = pos.RedoLSN, 0, pos.EndOfLog, false
	s.peer = nil // a manual failover's reply still goes out on it; the old principal closes it
	s.bumpLocked()
	s.mu.Unlock()
	_ = s.srv.inst.SetLogShipper(s.name, s)
	s.logf("%v", engine.Raise(1480, s.name, "MIRROR", "PRINCIPAL", reason))
	return nil
}

// demote makes this side the mirror with role sequence seq: shipping
// stops, user sessions are killed and the database is RESTORING from its
// end of log; the new principal re-seeds it if its log diverged.
func (s *session) demote(seq int32, reason string) {
	_ = s.srv.inst.SetLogShipper(s.name, nil)
	s.mu.Lock()
	m := s.m
	wasPrincipal := s.principalLocked()
	s.mu.Unlock()
	m.Role, m.RoleSequence = engine.MirrorRoleMirror, max(seq, m.RoleSequence)
	if err := s.srv.inst.SetMirroringRole(s.name, &m, engine.StateRestoring); err != nil {
		s.logf("cannot become the mirror: %v", err)
		return
	}
	s.mu.Lock()
	s.m, s.exposed, s.noQuorum, s.requested, s.pending = m, false, false, false, false
	s.queue, s.inflight, s.synced = nil, nil, false
	s.bumpLocked()
	s.mu.Unlock()
	if wasPrincipal {
		s.logf("%v", engine.Raise(1480, s.name, "PRINCIPAL", "MIRROR", reason))
	}
}
