package mirror

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// principalSession returns db's session when this side is the principal:
// 1416 when db is not mirrored, 1470 when this side is the mirror.
func (s *Server) principalSession(db string) (*session, error) {
	ss, err := s.mirroredSession(db)
	if err != nil {
		return nil, err
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !ss.principalLocked() {
		return nil, engine.Raise(1470, ss.name)
	}
	return ss, nil
}

// mirroredSession returns db's session or raises 1416.
func (s *Server) mirroredSession(db string) (*session, error) {
	ss := s.session(db)
	if ss == nil {
		if _, err := s.inst.Database(db); err != nil {
			return nil, err
		}
		return nil, engine.Raise(1416, db)
	}
	return ss, nil
}

// Failover is ALTER DATABASE db SET PARTNER FAILOVER, run on the
// principal: the mirror becomes the principal (ONLINE) and this database
// the mirror (RESTORING; its user sessions are killed), with no data
// loss. It needs SAFETY FULL (1477), a connected partner (1447) and the
// SYNCHRONIZED state (1422); 1470 on the mirror, 1416 when not mirrored.
func (s *Server) Failover(db string) error {
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	m := ss.m
	switch {
	case m.SafetyLevel != SafetyFull:
		err = engine.Raise(1477, ss.name)
	case ss.peer == nil:
		err = engine.Raise(1447, ss.name)
	case !ss.synced || ss.suspendedLocked() || ss.pending:
		err = engine.Raise(1422, ss.name)
	}
	if err == nil {
		ss.pending = true
		ss.bumpLocked()
	}
	ss.mu.Unlock()
	if err != nil {
		return err
	}
	return ss.failover(m)
}

// failover switches roles with the connected mirror: the database stops
// taking writes, the last shipped log is hardened, then the mirror takes
// over at that point.
func (ss *session) failover(m engine.Mirroring) error {
	if err := ss.srv.inst.SetMirroringRole(ss.name, &m, engine.StateRestoring); err != nil {
		ss.endPending()
		return err
	}
	at, err := ss.drained()
	if err == nil {
		// The Control carries the configuration, so the new principal keeps
		// the witness (and safety, timeout) even when no ping brought it yet.
		err = ss.control(&Frame{Type: FrameControl, Op: OpFailover, DB: ss.name, RoleSeq: m.RoleSequence + 1,
			Failover: at, Safety: m.SafetyLevel, SafetySeq: m.SafetySequence, Timeout: m.ConnectionTimeout,
			Witness: m.WitnessName})
	}
	if err != nil {
		_ = ss.srv.inst.SetMirroringRole(ss.name, &m, engine.StateOnline)
		ss.endPending()
		return err
	}
	ss.demote(m.RoleSequence+1, "manual failover")
	ss.mu.Lock()
	peer := ss.peer
	ss.mu.Unlock()
	_ = ss.setRow(func(r *engine.Mirroring) { r.FailoverLSN = at })
	if peer != nil {
		peer.close()
	}
	return nil
}

// endPending leaves the PENDING_FAILOVER state.
func (ss *session) endPending() {
	ss.mu.Lock()
	ss.pending = false
	ss.bumpLocked()
	ss.mu.Unlock()
}

// drained waits until the mirror hardened everything shipped and returns
// the first LSN after it (the failover point); 1422 when it does not
// within TIMEOUT.
func (ss *session) drained() (sqldb.LSN, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	t := ss.srv.cfg.Clock.NewTicker(ss.timeoutLocked())
	defer t.Stop()
	for ss.ackNext <= ss.shipEnd || len(ss.queue) > 0 {
		if ss.peer == nil {
			return 0, engine.Raise(1422, ss.name)
		}
		ch := ss.changed
		ss.mu.Unlock()
		select {
		case <-ch:
		case <-t.C():
			ss.mu.Lock()
			return 0, engine.Raise(1422, ss.name)
		}
		ss.mu.Lock()
	}
	return ss.ackNext, nil
}

// acceptFailover is the mirror's side of a manual failover: it must have
// hardened the principal's log through the failover point.
func (ss *session) acceptFailover(f *Frame) error {
	pos, err := ss.srv.inst.LogPosition(ss.name)
	if err != nil {
		return err
	}
	if pos.RedoLSN < f.Failover {
		ss.logf("failover refused: hardened to %v, principal at %v", pos.RedoLSN, f.Failover)
		return engine.Raise(1422, ss.name)
	}
	if err := ss.adoptConfig(f); err != nil {
		return err
	}
	return ss.promote(f.RoleSeq, "manual failover", false)
}

// ForceReport is what FORCE_SERVICE_ALLOW_DATA_LOSS may have lost: the
// log the principal had reported beyond what this mirror hardened.
type ForceReport struct {
	// HardenedLSN is the first LSN the new principal does not have.
	HardenedLSN sqldb.LSN
	// PrincipalEndOfLog is the principal's end of log at its last report.
	PrincipalEndOfLog sqldb.LSN
	// SendQueueKB and SendQueueTransactions are the principal's unsent or
	// unhardened log at its last report (mirroring_send_queue).
	SendQueueKB           int64
	SendQueueTransactions int64
	// RoleSequence is the new mirroring_role_sequence.
	RoleSequence int32
}

// MayHaveLost reports whether the principal had log this mirror lacks.
func (r ForceReport) MayHaveLost() bool {
	return r.SendQueueTransactions > 0 || r.PrincipalEndOfLog >= r.HardenedLSN
}

// ForceService is ALTER DATABASE db SET PARTNER
// FORCE_SERVICE_ALLOW_DATA_LOSS, run on the mirror when the principal is
// down: the mirror becomes the principal (ONLINE) and the session is
// SUSPENDED; log the principal had not sent is lost, as the report says.
// It needs this side to be the mirror and the principal to be gone, and
// with a witness the witness connected and agreeing (1455 otherwise).
func (s *Server) ForceService(db string) (ForceReport, error) {
	ss, err := s.mirroredSession(db)
	if err != nil {
		return ForceReport{}, err
	}
	ss.mu.Lock()
	ok := !ss.principalLocked() && ss.peer == nil && ss.m.GUID != [16]byte{} &&
		(ss.m.WitnessName == "" || ss.wit != nil)
	seq, witness := ss.m.RoleSequence+1, ss.m.WitnessName != ""
	rep := ForceReport{PrincipalEndOfLog: ss.peerEnd, SendQueueKB: (ss.peerQueue.bytes + 1023) / 1024,
		SendQueueTransactions: ss.peerQueue.txns}
	ss.mu.Unlock()
	if !ok {
		return ForceReport{}, engine.Raise(1455, ss.name)
	}
	if witness {
		v, err := ss.askWitness(OpRequestForce)
		if err != nil || v.Flags&FlagGranted == 0 {
			return ForceReport{}, engine.Raise(1455, ss.name)
		}
		seq = v.RoleSeq
	}
	pos, err := s.inst.LogPosition(ss.name)
	if err != nil {
		return ForceReport{}, err
	}
	rep.HardenedLSN, rep.RoleSequence = pos.RedoLSN, seq
	return rep, ss.promote(seq, "forced service", true)
}
