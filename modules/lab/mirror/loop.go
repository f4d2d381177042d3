package mirror

import (
	"time"

	"pcsh/modules/lab/engine"
)

// loop paces the session: every PingInterval it pings the partner, checks
// the partner and witness TIMEOUT, reconnects, reports to the witness and
// re-evaluates quorum (failover, running exposed).
func (s *session) loop() {
	defer s.srv.wg.Done()
	t := s.srv.cfg.Clock.NewTicker(s.srv.cfg.PingInterval)
	defer t.Stop()
	s.tick()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C():
			s.tick()
		}
	}
}

// tick does one round of the loop.
func (s *session) tick() {
	now := s.srv.cfg.Clock.Now()
	s.mu.Lock()
	timeout := s.timeoutLocked()
	if s.peer != nil && now.Sub(s.heard) > timeout {
		s.logf("%v", engine.Raise(1479, s.m.PartnerName, s.name, int64(s.m.ConnectionTimeout)))
		s.peer.close()
	}
	if s.wit != nil && now.Sub(s.witHeard) > timeout {
		s.wit.close()
	}
	peer, principal := s.peer, s.principalLocked()
	dial := principal && peer == nil && !s.dialing && !s.pending
	s.dialing = s.dialing || dial
	dialWit := s.m.WitnessName != "" && s.wit == nil && !s.witDialing && s.m.GUID != [16]byte{}
	s.witDialing = s.witDialing || dialWit
	var ping *Frame
	if peer != nil && principal {
		ping = s.pingLocked()
	}
	s.mu.Unlock()
	if ping != nil {
		_ = peer.send(ping)
	}
	if dial {
		s.srv.wg.Add(1)
		go func() { defer s.srv.wg.Done(); s.dialPartner() }()
	}
	if dialWit {
		s.srv.wg.Add(1)
		go func() { defer s.srv.wg.Done(); s.dialWitness() }()
	}
	s.sendWitnessStatus()
	s.evaluate(now)
}

// pingLocked builds the principal's status ping.
func (s *session) pingLocked() *Frame {
	q := s.queueStatLocked()
	f := &Frame{Type: FramePing, DB: s.name, State: s.liveStateLocked(), Role: s.m.Role, RoleSeq: s.m.RoleSequence,
		Safety: s.m.SafetyLevel, SafetySeq: s.m.SafetySequence, Timeout: s.m.ConnectionTimeout,
		Witness: s.m.WitnessName, End: s.shipEnd, Count: q.txns, Bytes: q.bytes}
	if s.suspendedLocked() {
		f.Flags |= FlagSuspended
	}
	return f
}

// evaluate applies the quorum rules of high-safety mode: a mirror that
// lost its principal asks the witness for an automatic failover; a
// principal that lost its mirror asks the witness to run exposed, and
// stops serving the database once it has lost both for TIMEOUT.
func (s *session) evaluate(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped || s.m.GUID == [16]byte{} || s.peer != nil {
		return
	}
	hasWitness := s.m.WitnessName != ""
	switch {
	case !s.principalLocked():
		if hasWitness && s.wit != nil && s.m.SafetyLevel == SafetyFull && s.peerState == StateSynchronized &&
			!s.suspendedLocked() {
			s.requestLocked(OpRequestFailover)
		}
	case !hasWitness || s.exposed:
	case s.wit != nil:
		s.requestLocked(OpRequestExposed)
	case !s.noQuorum && now.Sub(s.lostAt) > s.timeoutLocked() && now.Sub(s.witHeard) > s.timeoutLocked():
		s.noQuorum = true
		s.bumpLocked()
		s.srv.wg.Add(1)
		go func() { defer s.srv.wg.Done(); s.setAvailability(false) }()
	}
}

// setAvailability takes a principal's database out of service (RECOVERING)
// when it lost quorum, and back ONLINE when it regained it.
func (s *session) setAvailability(online bool) {
	s.mu.Lock()
	m, principal := s.m, s.principalLocked()
	s.mu.Unlock()
	if !principal {
		return
	}
	state := engine.StateRecovering
	if online {
		state = engine.StateOnline
	}
	if err := s.srv.inst.SetMirroringRole(s.name, &m, state); err != nil {
		s.logf("cannot change availability: %v", err)
	}
}

// regainQuorumLocked brings a principal that lost quorum back.
func (s *session) regainQuorumLocked() {
	if !s.noQuorum {
		return
	}
	s.noQuorum = false
	s.bumpLocked()
	s.srv.wg.Add(1)
	go func() { defer s.srv.wg.Done(); s.setAvailability(true) }()
}
