package mirror

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// Ship queues a committed block for the mirror (engine.LogShipper). It
// runs under the engine's database lock, so it only queues.
func (s *session) Ship(b engine.LogBlock) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.peer == nil || s.suspendedLocked() || !s.principalLocked() {
		return
	}
	s.queue = append(s.queue, b)
	s.inflight = append(s.inflight, blockStat{end: b.End, bytes: int64(b.Size()), txns: int64(b.Count)})
	s.shipEnd = max(s.shipEnd, b.End)
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Harden waits until the mirror hardened the log through end, as a
// SAFETY FULL commit must (engine.LogShipper). It returns at once under
// SAFETY OFF, while SUSPENDED, and once the principal runs exposed (the
// mirror is lost and the witness, if any, agreed). It fails with 1479
// when the principal lost quorum, and with ErrStopped when mirroring
// stops.
func (s *session) Harden(end sqldb.LSN) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		switch {
		case s.stopped:
			return ErrStopped
		case !s.principalLocked():
			return engine.Raise(1479, s.m.PartnerName, s.name, int64(s.m.ConnectionTimeout))
		case s.ackNext > end, s.m.SafetyLevel != SafetyFull, s.suspendedLocked():
			return nil
		case s.noQuorum:
			return engine.Raise(1479, s.m.PartnerName, s.name, int64(s.m.ConnectionTimeout))
		case s.peer == nil && s.exposed:
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		<-ch
		s.mu.Lock()
	}
}

// KeepFrom returns the first LSN the mirror still needs, so the log is
// kept for it (engine.LogShipper).
func (s *session) KeepFrom() sqldb.LSN {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ackNext
}

// ackLocked records the mirror's hardened point and wakes commits.
func (s *session) ackLocked(next, end sqldb.LSN) {
	if next <= s.ackNext && end <= s.ackEnd {
		return
	}
	s.ackNext, s.ackEnd = max(s.ackNext, next), max(s.ackEnd, end)
	keep := s.inflight[:0]
	for _, b := range s.inflight {
		if b.end >= s.ackNext {
			keep = append(keep, b)
		}
	}
	s.inflight = keep
	if !s.catching && !s.synced && s.ackNext > s.shipEnd {
		s.synced = true
		// Tell the mirror and the witness now rather than at the next
		// tick: the mirror shows SYNCHRONIZED, and may fail over
		// automatically, only once it knows.
		s.srv.wg.Add(1)
		go func() { defer s.srv.wg.Done(); s.pingNow(); s.sendWitnessStatus() }()
	}
	s.bumpLocked()
}

// queueStatLocked sums the log shipped or queued but not hardened.
func (s *session) queueStatLocked() blockStat {
	var q blockStat
	for _, b := range s.inflight {
		q.bytes += b.bytes
		q.txns += b.txns
		q.end = max(q.end, b.end)
	}
	return q
}

var _ engine.LogShipper = (*session)(nil)
