package mirror

import (
	"errors"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// helloLocked builds the Hello a principal opens a partner connection
// with; the caller holds mu.
func (s *session) helloLocked(setup bool) *Frame {
	f := &Frame{Type: FrameHello, DB: s.name, GUID: s.m.GUID, Role: s.m.Role, RoleSeq: s.m.RoleSequence,
		Safety: s.m.SafetyLevel, SafetySeq: s.m.SafetySequence, Timeout: s.m.ConnectionTimeout,
		Failover: s.m.FailoverLSN, Nonce: s.srv.nonce, Server: s.srv.cfg.ServerName, Partner: s.m.PartnerName,
		Witness: s.m.WitnessName}
	if setup {
		f.Flags |= FlagSetup
	}
	return f
}

// handshake sends hello on fc and reads the Welcome.
func (s *session) handshake(fc *frameConn, hello *Frame) (*Frame, error) {
	if err := fc.send(hello); err != nil {
		return nil, err
	}
	_ = fc.c.SetReadDeadline(time.Now().Add(s.srv.cfg.DialTimeout))
	w, err := fc.recv()
	if err != nil {
		return nil, err
	}
	_ = fc.c.SetReadDeadline(time.Time{})
	if w.Type != FrameWelcome {
		fc.close()
		return nil, errBadFrame
	}
	return w, nil
}

// connectTo dials a partner or witness address and exchanges hello for
// its Welcome.
func (s *session) connectTo(addr string, hello *Frame) (*frameConn, *Frame, error) {
	hostport, err := parseAddress(addr)
	if err != nil {
		return nil, nil, err
	}
	fc, err := s.srv.dial(hostport)
	if err != nil {
		return nil, nil, err
	}
	w, err := s.handshake(fc, hello)
	if err != nil {
		fc.close()
		return nil, nil, err
	}
	return fc, w, nil
}

// clearFlag resets a dialing flag under the lock.
func (s *session) clearFlag(flag *bool) {
	s.mu.Lock()
	*flag = false
	s.mu.Unlock()
}

// dialPartner connects a principal to its mirror and starts the link.
// A refusal naming a newer role sequence makes this side the mirror.
func (s *session) dialPartner() {
	defer s.clearFlag(&s.dialing)
	s.mu.Lock()
	hello, addr := s.helloLocked(false), s.m.PartnerName
	s.mu.Unlock()
	fc, w, err := s.connectTo(addr, hello)
	switch {
	case err != nil:
	case w.Error == codeStale:
		fc.close()
		s.demote(w.RoleSeq, "the partner is principal")
	case w.Error != 0:
		fc.close()
		s.logf("partner refused the connection: %v", sqlError(w))
	default:
		s.startPrincipalLink(fc, w)
	}
}

// startPrincipalLink makes fc the session's partner link: log shipping
// starts from the mirror's redo point (after re-seeding the mirror when
// its log diverged from this principal's) and the mirror catches up.
func (s *session) startPrincipalLink(fc *frameConn, w *Frame) {
	s.mu.Lock()
	if s.stopped || !s.principalLocked() {
		s.mu.Unlock()
		fc.close()
		return
	}
	if s.peer != nil {
		s.peer.close()
	}
	diverged := w.Failover != s.m.FailoverLSN && w.Redo > s.m.FailoverLSN && s.m.FailoverLSN != 0
	s.peer, s.heard, s.queue, s.inflight = fc, s.srv.cfg.Clock.Now(), nil, nil
	s.ackNext, s.ackEnd, s.synced, s.catching, s.exposed = w.Redo, 0, false, true, false
	if diverged {
		s.ackNext = 0 // the mirror's redo point is in a log this principal does not have
	}
	s.m.PartnerInstance = w.Server
	s.regainQuorumLocked()
	s.bumpLocked()
	suspended := s.suspendedLocked()
	s.mu.Unlock()
	s.srv.cfg.Logf("%s [%s] database mirroring is active as the principal copy", s.srv.cfg.ServerName, s.name)
	s.srv.wg.Add(2)
	go s.principalReader(fc)
	go s.principalWriter(fc, w.Redo, diverged, suspended)
}

// principalWriter sends the catch-up log (or a re-seed image) and then
// every shipped block, in order.
func (s *session) principalWriter(fc *frameConn, from sqldb.LSN, reseed, suspended bool) {
	defer s.srv.wg.Done()
	if !suspended && s.catchUp(fc, from, reseed) != nil {
		fc.close()
		return
	}
	for {
		select {
		case <-fc.done:
			return
		case <-s.stop:
			return
		case <-s.kick:
		}
		s.mu.Lock()
		q := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, b := range q {
			if fc.send(logFrame(s.name, b)) != nil {
				return
			}
		}
	}
}

// catchUp sends what the mirror lacks: an image when it diverged, then
// the log from its redo point.
func (s *session) catchUp(fc *frameConn, from sqldb.LSN, reseed bool) error {
	if reseed {
		img, err := s.srv.inst.MirrorImage(s.name)
		if err != nil {
			return err
		}
		s.logf("re-seeding the mirror: its log diverged after the role change")
		if err := fc.send(&Frame{Type: FrameImage, DB: s.name, Payload: img}); err != nil {
			return err
		}
		from = 0
	}
	b, err := s.srv.inst.LogSince(s.name, from)
	if errors.Is(err, engine.ErrLogTruncated) {
		s.logf("%v", engine.Raise(1412, s.name))
		_ = s.setRow(func(m *engine.Mirroring) { m.State = StateSuspended })
		return err
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.shipEnd = max(s.shipEnd, b.End)
	s.inflight = append(s.inflight, blockStat{end: b.End, bytes: int64(b.Size()), txns: int64(b.Count)})
	s.catching = false
	s.mu.Unlock()
	return fc.send(logFrame(s.name, b))
}

// logFrame wraps a block.
func logFrame(db string, b engine.LogBlock) *Frame {
	return &Frame{Type: FrameLog, DB: db, First: b.First, End: b.End, Count: int64(b.Count), Payload: b.Records,
		Chain: [3]sqldb.LSN{b.LogBackupLSN, b.LastFullLSN, b.LastLogBackupAt}}
}

// blockOf unwraps a Log frame.
func blockOf(f *Frame) engine.LogBlock {
	return engine.LogBlock{First: f.First, End: f.End, Count: int(f.Count), Records: f.Payload,
		LogBackupLSN: f.Chain[0], LastFullLSN: f.Chain[1], LastLogBackupAt: f.Chain[2]}
}

// principalReader handles the mirror's acknowledgements, pings, replies
// and requests until the link drops.
func (s *session) principalReader(fc *frameConn) {
	defer s.srv.wg.Done()
	defer s.peerLost(fc)
	for {
		f, err := fc.recv()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.peer != fc {
			s.mu.Unlock()
			return
		}
		s.heard = s.srv.cfg.Clock.Now()
		switch f.Type {
		case FrameAck:
			s.ackLocked(f.Redo, f.End)
		case FrameReply:
			select {
			case s.replies <- f:
			default:
			}
		}
		s.mu.Unlock()
		if f.Type == FrameControl {
			s.handleControl(fc, f)
		}
	}
}

// peerLost ends the partner link fc: the session is DISCONNECTED. A
// principal without a witness runs exposed at once; with a witness it
// asks the witness first (see evaluate).
func (s *session) peerLost(fc *frameConn) {
	fc.close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.peer != fc {
		return
	}
	s.peer, s.synced, s.lostAt, s.queue = nil, false, s.srv.cfg.Clock.Now(), nil
	if s.principalLocked() && s.m.WitnessName == "" {
		s.exposed = true
	}
	s.bumpLocked()
	if !s.stopped {
		s.srv.cfg.Logf("%s [%s] database mirroring connection to %s lost", s.srv.cfg.ServerName, s.name, s.m.PartnerName)
	}
}
