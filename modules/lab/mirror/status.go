package mirror

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// Status is a database's mirroring session as this instance sees it now:
// what sys.database_mirroring shows plus the send queue
// (mirroring_send_queue / sp_dbmmonitorresults unsent_log).
type Status struct {
	Database        string
	Role            uint8 // engine.MirrorRolePrincipal or engine.MirrorRoleMirror
	RoleSequence    int32
	State           uint8 // StateSuspended … StateSynchronized
	StateDesc       string
	Safety          uint8
	WitnessState    uint8
	Partner         string // TCP:// address
	PartnerInstance string // the partner's server name
	Connected       bool
	// SendQueueKB and SendQueueTransactions are the log the principal has
	// not had hardened on the mirror yet (on a mirror: the principal's
	// last report).
	SendQueueKB           int64
	SendQueueTransactions int64
	EndOfLog              sqldb.LSN
	HardenedLSN           sqldb.LSN // first LSN the mirror still needs
}

// Status returns db's session status; 1416 when db is not mirrored here.
func (s *Server) Status(db string) (Status, error) {
	ss, err := s.mirroredSession(db)
	if err != nil {
		return Status{}, err
	}
	pos, _ := s.inst.LogPosition(ss.name)
	ss.mu.Lock()
	st := Status{Database: ss.name, Role: ss.m.Role, RoleSequence: ss.m.RoleSequence, State: ss.liveStateLocked(),
		Safety: ss.m.SafetyLevel, WitnessState: ss.witnessStateLocked(), Partner: ss.m.PartnerName,
		PartnerInstance: ss.m.PartnerInstance, Connected: ss.peer != nil, EndOfLog: pos.EndOfLog}
	q, from, principal := ss.queueStatLocked(), ss.ackNext, ss.principalLocked()
	live := ss.peer != nil && !ss.suspendedLocked()
	if !principal {
		q, from = ss.peerQueue, pos.RedoLSN
	}
	ss.mu.Unlock()
	if principal && !live {
		if b, err := s.inst.LogSince(ss.name, from); err == nil {
			q = blockStat{bytes: int64(b.Size()), txns: int64(b.Count)}
		}
	}
	st.StateDesc, st.HardenedLSN = stateDesc(st.State), from
	st.SendQueueKB, st.SendQueueTransactions = (q.bytes+1023)/1024, q.txns
	return st, nil
}

// FailoverPartner returns the server name the TDS layer announces as the
// failover partner (ENVCHANGE 13) to clients logging in to db on the
// principal: the mirror's instance name, or "" when db is not mirrored or
// this side is the mirror. It is also stored as mirroring_partner_instance,
// which the executor's session already reads.
func (s *Server) FailoverPartner(db string) string {
	ss := s.session(db)
	if ss == nil {
		return ""
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !ss.principalLocked() {
		return ""
	}
	return ss.m.PartnerInstance
}

// overlay shows the live session in sys.database_mirroring.
func (s *Server) overlay(db string, m *engine.Mirroring) *engine.Mirroring {
	ss := s.session(db)
	if ss == nil {
		return m
	}
	pos, _ := s.inst.LogPosition(db)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	m.State, m.WitnessState = ss.liveStateLocked(), ss.witnessStateLocked()
	m.EndOfLogLSN = pos.EndOfLog
	if ss.principalLocked() {
		m.ReplicationLSN, m.FailoverLSN = ss.ackEnd, ss.ackEnd
	} else {
		m.ReplicationLSN, m.FailoverLSN = pos.EndOfLog, pos.EndOfLog
	}
	if m.SafetyLevel == SafetyUnknown && m.GUID != [16]byte{} {
		m.SafetyLevel = SafetyFull
	}
	return m
}
