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
	dialWit := s.witnessDialLocked()
	s.mu.Unlock()
	if peer != nil && principal {
		s.pingNow()
	}
	if dial {
		s.srv.wg.Add(1)
		go func() { defer s.srv.wg.Done(); s.dialPartner() }()
	}
	if dialWit {
		s.goDialWitness()
	}
	s.sendWitnessStatus()
	s.evaluate(now)
}

// pingLocked builds the principal's status ping.
func (s *session) pingLocked() *Frame {
	q := s.queueStatLocked()
	return s.configLocked(&Frame{Type: FramePing, DB: s.name, State: s.liveStateLocked(), Role: s.m.Role,
		RoleSeq: s.m.RoleSequence, End: s.shipEnd, Count: q.txns, Bytes: q.bytes})
}

// pingNow sends the principal's status ping: every tick, and at once on a
// state change. Pings are built and sent in order, so an older status
// never overtakes a newer one.
func (s *session) pingNow() {
	s.pingMu.Lock()
	defer s.pingMu.Unlock()
	s.mu.Lock()
	peer := s.peer
	var ping *Frame
	if peer != nil && s.principalLocked() {
		ping = s.pingLocked()
	}
	s.mu.Unlock()
	if ping != nil {
		_ = peer.send(ping)
	}
}

// configLocked adds the session configuration a mirror keeps in its row
// (safety, timeout, witness, suspension) to f, a ping or a Control.
func (s *session) configLocked(f *Frame) *Frame {
	f.Safety, f.SafetySeq, f.Timeout, f.Witness = s.m.SafetyLevel, s.m.SafetySequence, s.m.ConnectionTimeout, s.m.WitnessName
	if s.suspendedLocked() {
		f.Flags |= FlagSuspended
	}
	return f
}

// pushConfig sends a principal's changed configuration to the connected
// mirror and waits until the mirror stored it, so a SET WITNESS, SAFETY or
// TIMEOUT is in the mirror's row (and survives a role switch) when the
// statement returns rather than after the next ping. A mirror that does
// not answer gets it with the pings (and the Hello when it reconnects).
func (s *session) pushConfig() {
	s.mu.Lock()
	f := s.configLocked(&Frame{Type: FrameControl, Op: OpConfig, DB: s.name})
	send := s.principalLocked() && s.peer != nil
	s.mu.Unlock()
	if !send {
		return
	}
	if err := s.control(f); err != nil {
		s.logf("the mirror did not confirm the new configuration (it follows with the pings): %v", err)
	}
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
