package mirror

import (
	"pcsh/modules/lab/engine"
)

// SetWitness is ALTER DATABASE db SET WITNESS = 'TCP://host:port', on the
// principal (1470): both partners connect to the witness, which then
// arbitrates automatic failover (SAFETY FULL). It needs the partners
// connected and synchronized (1426), a reachable witness endpoint (1418)
// whose ROLE is WITNESS or ALL (1427) on a third instance (1429).
func (s *Server) SetWitness(db, address string) error {
	hostport, err := parseAddress(address)
	if err != nil {
		return err
	}
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	ready := ss.peer != nil && ss.synced
	ss.mu.Unlock()
	if !ready {
		return engine.Raise(1426)
	}
	fc, err := s.dial(hostport)
	if err != nil {
		return engine.Raise(1418, address)
	}
	ss.mu.Lock()
	hello := ss.witnessHelloLocked()
	ss.mu.Unlock()
	hello.Flags |= FlagSetup
	w, err := ss.handshake(fc, hello)
	if err != nil {
		fc.close()
		return engine.Raise(1418, address)
	}
	if err := sqlError(w); err != nil {
		return err
	}
	if err := ss.setRow(func(m *engine.Mirroring) { m.WitnessName = address }); err != nil {
		fc.close()
		return err
	}
	ss.attachWitness(fc)
	ss.pushConfig()
	return nil
}

// WitnessOff is ALTER DATABASE db SET WITNESS OFF, on the principal: the
// witness forgets the session and automatic failover is off.
func (s *Server) WitnessOff(db string) error {
	ss, err := s.principalSession(db)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	wit := ss.wit
	ss.mu.Unlock()
	if err := ss.setRow(func(m *engine.Mirroring) { m.WitnessName = "" }); err != nil {
		return err
	}
	// The mirror lets its witness link go first: told afterwards, it could
	// dial the witness again in between and leave the session in the
	// witness's sys.database_mirroring_witnesses after OpRemove.
	ss.pushConfig()
	if wit != nil {
		_ = wit.send(ss.witnessFrame(OpRemove))
		wit.closeGently()
	}
	return nil
}

// witnessHelloLocked builds the Hello of a partner's witness connection.
func (s *session) witnessHelloLocked() *Frame {
	f := s.witnessStatusLocked(OpStatus)
	f.Type, f.Flags = FrameHello, f.Flags|FlagWitness
	return f
}

// witnessStatusLocked builds a status or request frame for the witness.
func (s *session) witnessStatusLocked(op Op) *Frame {
	f := &Frame{Type: FrameWitness, Op: op, DB: s.name, GUID: s.m.GUID, Role: s.m.Role, RoleSeq: s.m.RoleSequence,
		Safety: s.m.SafetyLevel, SafetySeq: s.m.SafetySequence, Timeout: s.m.ConnectionTimeout,
		Server: s.srv.cfg.ServerName, Nonce: s.srv.nonce, Partner: s.m.PartnerInstance}
	if s.principalLocked() && s.synced && s.peer != nil {
		f.Flags |= FlagSynced
	}
	if s.suspendedLocked() {
		f.Flags |= FlagSuspended
	}
	return f
}

// witnessFrame builds a witness frame under the lock.
func (s *session) witnessFrame(op Op) *Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.witnessStatusLocked(op)
}

// witnessDialLocked reports whether this partner should dial its witness
// now (it has one, no link and no dial under way) and marks the dial; the
// caller holds mu and then calls goDialWitness.
func (s *session) witnessDialLocked() bool {
	dial := s.m.WitnessName != "" && s.wit == nil && !s.witDialing && s.m.GUID != [16]byte{} && !s.stopped
	s.witDialing = s.witDialing || dial
	return dial
}

// goDialWitness runs dialWitness in the background.
func (s *session) goDialWitness() {
	s.srv.wg.Add(1)
	go func() { defer s.srv.wg.Done(); s.dialWitness() }()
}

// dialWitness connects to the witness.
func (s *session) dialWitness() {
	defer s.clearFlag(&s.witDialing)
	s.mu.Lock()
	addr, hello := s.m.WitnessName, s.witnessHelloLocked()
	s.mu.Unlock()
	fc, w, err := s.connectTo(addr, hello)
	if err != nil {
		return
	}
	if w.Error != 0 {
		fc.close()
		return
	}
	s.attachWitness(fc)
}

// attachWitness makes fc the witness link and starts reading verdicts.
func (s *session) attachWitness(fc *frameConn) {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		fc.close()
		return
	}
	if s.wit != nil {
		s.wit.close()
	}
	s.wit, s.witHeard, s.requested = fc, s.srv.cfg.Clock.Now(), false
	s.bumpLocked()
	s.mu.Unlock()
	s.srv.wg.Add(1)
	go s.witnessReader(fc)
	s.sendWitnessStatus()
}

// sendWitnessStatus reports this partner's status to the witness.
func (s *session) sendWitnessStatus() {
	s.mu.Lock()
	wit := s.wit
	var f *Frame
	if wit != nil {
		f = s.witnessStatusLocked(OpStatus)
	}
	s.mu.Unlock()
	if wit != nil {
		_ = wit.send(f)
	}
}

// requestLocked asks the witness for an automatic failover or for
// running exposed, once until it answers.
func (s *session) requestLocked(op Op) {
	if s.requested || s.wit == nil {
		return
	}
	s.requested = true
	wit, f := s.wit, s.witnessStatusLocked(op)
	s.srv.wg.Add(1)
	go func() { defer s.srv.wg.Done(); _ = wit.send(f) }()
}

// askWitness sends a request and waits for its verdict (forced service).
func (s *session) askWitness(op Op) (*Frame, error) {
	s.mu.Lock()
	wit, f, timeout := s.wit, s.witnessStatusLocked(op), s.timeoutLocked()
	s.forced = make(chan *Frame, 1)
	ch := s.forced
	s.mu.Unlock()
	if wit == nil || wit.send(f) != nil {
		return nil, engine.Raise(1431, s.name)
	}
	t := s.srv.cfg.Clock.NewTicker(timeout)
	defer t.Stop()
	select {
	case v := <-ch:
		return v, nil
	case <-t.C():
	case <-wit.done:
	}
	return nil, engine.Raise(1431, s.name)
}

// witnessReader applies the witness's verdicts until the link drops.
func (s *session) witnessReader(fc *frameConn) {
	defer s.srv.wg.Done()
	for {
		v, err := fc.recv()
		if err != nil {
			break
		}
		if v.Type == FrameVerdict {
			s.verdict(v)
		}
	}
	s.mu.Lock()
	if s.wit == fc {
		s.wit, s.requested, s.witSees = nil, false, false
		s.bumpLocked()
	}
	s.mu.Unlock()
}

// verdict applies one witness answer: a granted failover promotes this
// mirror, a granted exposure lets the principal commit alone, and a newer
// principal seen by the witness demotes this side.
func (s *session) verdict(v *Frame) {
	s.mu.Lock()
	s.witHeard, s.witSees = s.srv.cfg.Clock.Now(), v.Flags&FlagSeesOther != 0
	granted := v.Flags&FlagGranted != 0
	self := s.srv.cfg.ServerName
	switch v.Op {
	case OpRequestFailover, OpRequestExposed:
		s.requested = false
	case OpRequestForce:
		if s.forced != nil {
			s.forced <- v
			s.forced = nil
		}
		s.mu.Unlock()
		return
	}
	principal, seq := s.principalLocked(), s.m.RoleSequence
	switch {
	case v.Op == OpRequestFailover && granted && !principal:
		s.mu.Unlock()
		_ = s.promote(v.RoleSeq, "automatic failover", false)
		return
	case principal && (v.RoleSeq > seq || v.RoleSeq == seq && v.Partner != "" && v.Partner != self):
		s.mu.Unlock()
		s.demote(v.RoleSeq, "the witness reports a newer principal")
		return
	case principal && v.Partner == self:
		if v.Op == OpRequestExposed && granted {
			s.exposed = true
		}
		s.regainQuorumLocked()
		s.bumpLocked()
	}
	s.mu.Unlock()
}
