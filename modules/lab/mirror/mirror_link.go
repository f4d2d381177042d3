package mirror

import (
	"context"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// acceptPartner answers a partner's Hello: the first SET PARTNER from a
// principal, or a reconnecting partner of an existing session.
func (s *Server) acceptPartner(fc *frameConn, h *Frame) {
	ss := s.session(h.DB)
	if h.Flags&FlagSetup != 0 {
		s.acceptSetup(fc, h, ss)
		return
	}
	if ss == nil {
		refuse(fc, 1416, h.DB)
		return
	}
	ss.acceptReconnect(fc, h)
}

// acceptSetup checks the mirror side of SET PARTNER run on the principal:
// the database exists (1448), is RESTORING (1464), had SET PARTNER run on
// it first (1416), is not mirrored already (1460), is in FULL recovery
// (1465) and belongs to the same backup family (1407). It then reports
// its redo point and waits for the principal's decision.
func (s *Server) acceptSetup(fc *frameConn, h *Frame, ss *session) {
	pos, err := s.inst.LogPosition(h.DB)
	if err != nil {
		refuse(fc, 1448, h.DB)
		return
	}
	var code int32
	switch {
	case ss == nil && pos.State != engine.StateRestoring:
		code = 1464
	case ss == nil:
		code = 1416
	case ss.established():
		code = 1460
	case pos.RecoveryModel != sqldb.RecoveryFull:
		code = 1465
	case h.Family != pos.FamilyGUID:
		code = 1407
	}
	if code != 0 {
		refuse(fc, code, h.DB)
		return
	}
	w := &Frame{Type: FrameWelcome, DB: h.DB, Role: engine.MirrorRoleMirror, Redo: pos.RedoLSN, End: pos.EndOfLog,
		Server: s.cfg.ServerName, Nonce: s.nonce, Family: pos.FamilyGUID}
	if fc.send(w) != nil {
		return
	}
	_ = fc.c.SetReadDeadline(time.Now().Add(s.cfg.DialTimeout))
	f, err := fc.recv()
	if err != nil || f.Type != FrameControl || f.Op != OpEstablish {
		fc.close()
		return
	}
	_ = fc.c.SetReadDeadline(time.Time{})
	m := ss.adopt(h)
	m.GUID = f.GUID
	if err := ss.store(m, engine.StateRestoring); err != nil {
		_ = fc.send(&Frame{Type: FrameReply, Op: OpEstablish, Error: 1456, Args: []string{s.cfg.ServerName}})
		fc.close()
		return
	}
	_ = fc.send(&Frame{Type: FrameReply, Op: OpEstablish})
	ss.runMirrorLink(fc, h)
}

// established reports whether the session has a partnership (a mirror
// armed by SET PARTNER but never joined has none).
func (s *session) established() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.GUID != [16]byte{}
}

// adopt returns the stored row updated with what the principal's Hello
// says: sequences, safety, timeout, witness, partner instance and the
// reconciliation point.
func (s *session) adopt(h *Frame) engine.Mirroring {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.m
	m.Role, m.RoleSequence = engine.MirrorRoleMirror, h.RoleSeq
	m.SafetyLevel, m.SafetySequence, m.ConnectionTimeout = h.Safety, h.SafetySeq, h.Timeout
	m.WitnessName, m.PartnerInstance = h.Witness, h.Server
	s.reign = h.Failover
	return m
}

// acceptReconnect takes a reconnecting partner: the session's own partner
// instance only (a copy of the database elsewhere that claims the session,
// such as one restored from its backups, is refused with 1416). Role
// sequences decide who is principal: an older principal is refused with codeStale (and becomes
// the mirror); a principal meeting a newer one becomes the mirror itself.
func (s *session) acceptReconnect(fc *frameConn, h *Frame) {
	s.mu.Lock()
	guid, role, seq, prevFailover := s.m.GUID, s.m.Role, s.m.RoleSequence, s.m.FailoverLSN
	partner := s.m.PartnerInstance
	s.mu.Unlock()
	switch {
	case h.GUID != guid || !samePartner(partner, h.Server):
		refuse(fc, 1416, h.DB)
		return
	case h.RoleSeq < seq || h.RoleSeq == seq && role == engine.MirrorRolePrincipal:
		_ = fc.send(&Frame{Type: FrameWelcome, Error: codeStale, RoleSeq: seq})
		fc.close()
		return
	case role == engine.MirrorRolePrincipal:
		s.demote(h.RoleSeq, "the partner has a newer role")
	}
	m := s.adopt(h)
	if err := s.store(m, engine.StateRestoring); err != nil {
		refuse(fc, 1456, s.srv.cfg.ServerName)
		return
	}
	pos, err := s.srv.inst.LogPosition(s.name)
	if err != nil {
		refuse(fc, 1448, h.DB)
		return
	}
	w := &Frame{Type: FrameWelcome, DB: s.name, Role: engine.MirrorRoleMirror, RoleSeq: seq, Redo: pos.RedoLSN,
		End: pos.EndOfLog, Failover: prevFailover, Server: s.srv.cfg.ServerName, Nonce: s.srv.nonce}
	if fc.send(w) != nil {
		return
	}
	s.runMirrorLink(fc, h)
}

// runMirrorLink serves fc as this mirror's partner link until it drops.
func (s *session) runMirrorLink(fc *frameConn, h *Frame) {
	s.mu.Lock()
	if s.peer != nil {
		s.peer.close()
	}
	s.peer, s.heard, s.synced, s.peerState = fc, s.srv.cfg.Clock.Now(), false, StateSynchronizing
	s.bumpLocked()
	s.mu.Unlock()
	s.srv.cfg.Logf("%s [%s] database mirroring is active as the mirror copy", s.srv.cfg.ServerName, s.name)
	s.mirrorReader(fc)
}

// mirrorReader hardens and redoes the principal's log, batching the
// blocks already received, and acknowledges each batch.
func (s *session) mirrorReader(fc *frameConn) {
	defer s.peerLost(fc)
	var batch []engine.LogBlock
	for {
		f, err := fc.recv()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.heard = s.srv.cfg.Clock.Now()
		s.mu.Unlock()
		if (f.Type == FrameLog || f.Type == FrameImage) && s.joinReign() != nil {
			return
		}
		if f.Type == FrameLog {
			batch = append(batch, blockOf(f))
			if fc.buffered() && len(batch) < 256 {
				continue
			}
			if s.applyBatch(fc, batch) != nil {
				return
			}
			batch = batch[:0]
			continue
		}
		if len(batch) > 0 {
			if s.applyBatch(fc, batch) != nil {
				return
			}
			batch = batch[:0]
		}
		if s.mirrorFrame(fc, f) != nil {
			return
		}
	}
}

// applyBatch applies log blocks and acknowledges the hardened point.
func (s *session) applyBatch(fc *frameConn, batch []engine.LogBlock) error {
	next, err := s.srv.inst.ApplyLog(context.Background(), s.name, batch...)
	if err != nil {
		s.logf("redo failed, mirroring suspended: %v", err)
		return err
	}
	return fc.send(&Frame{Type: FrameAck, DB: s.name, Redo: next, End: batch[len(batch)-1].End})
}

// mirrorFrame handles a non-log frame from the principal.
func (s *session) mirrorFrame(fc *frameConn, f *Frame) error {
	switch f.Type {
	case FrameImage:
		s.mu.Lock()
		m := s.m
		s.mu.Unlock()
		if err := s.srv.inst.ReseedMirror(context.Background(), s.name, f.Payload, &m); err != nil {
			return err
		}
		pos, err := s.srv.inst.LogPosition(s.name)
		if err != nil {
			return err
		}
		return fc.send(&Frame{Type: FrameAck, DB: s.name, Redo: pos.RedoLSN, End: pos.EndOfLog})
	case FramePing:
		return s.mirrorPing(fc, f)
	case FrameControl:
		s.handleControl(fc, f)
	case FrameReply:
		select {
		case s.replies <- f:
		default:
		}
	}
	return nil
}

// joinReign records, when the principal starts sending log or an image,
// the reconciliation point of the principal this mirror now follows; until
// then a reconnecting principal still sees the old one and re-seeds a
// diverged mirror.
func (s *session) joinReign() error {
	s.mu.Lock()
	f, same := s.reign, s.reign == s.m.FailoverLSN
	s.mu.Unlock()
	if same {
		return nil
	}
	return s.setRow(func(m *engine.Mirroring) { m.FailoverLSN = f })
}

// mirrorPing adopts the principal's status (state, safety, timeout,
// witness, suspension, its end of log and send queue) and answers.
func (s *session) mirrorPing(fc *frameConn, f *Frame) error {
	s.mu.Lock()
	s.peerState, s.peerEnd = f.State, f.End
	s.peerQueue = blockStat{end: f.End, bytes: f.Bytes, txns: f.Count}
	s.bumpLocked()
	s.mu.Unlock()
	if err := s.adoptConfig(f); err != nil {
		return err
	}
	pos, err := s.srv.inst.LogPosition(s.name)
	if err != nil {
		return err
	}
	return fc.send(&Frame{Type: FramePing, DB: s.name, Redo: pos.RedoLSN, End: pos.EndOfLog})
}

// adoptConfig stores, on the mirror, the principal's configuration from a
// ping, an OpConfig Control or the OpFailover Control (safety, timeout,
// witness, suspension) when the stored row differs. A new witness is
// dialed at once, so the mirror's row shows it CONNECTED without waiting
// for the next tick; a removed or replaced one is let go.
func (s *session) adoptConfig(f *Frame) error {
	s.mu.Lock()
	m, principal := s.m, s.principalLocked()
	s.mu.Unlock()
	suspended := f.Flags&FlagSuspended != 0
	if principal || m.SafetyLevel == f.Safety && m.SafetySequence == f.SafetySeq && m.ConnectionTimeout == f.Timeout &&
		m.WitnessName == f.Witness && (m.State == StateSuspended) == suspended {
		return nil
	}
	old := m.WitnessName
	m.SafetyLevel, m.SafetySequence, m.ConnectionTimeout, m.WitnessName = f.Safety, f.SafetySeq, f.Timeout, f.Witness
	m.State = StateDisconnected
	if suspended {
		m.State = StateSuspended
	}
	if err := s.store(m, engine.StateRestoring); err != nil {
		return err
	}
	s.mu.Lock()
	if wit := s.wit; wit != nil && m.WitnessName != old {
		wit.closeGently()
	}
	dial := s.witnessDialLocked()
	s.mu.Unlock()
	if dial {
		s.goDialWitness()
	}
	return nil
}
