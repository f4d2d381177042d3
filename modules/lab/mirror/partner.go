package mirror

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"

	"github.com/google/uuid"
)

// SetPartner is ALTER DATABASE db SET PARTNER = 'TCP://host:port'. Run it
// on the mirror first (the database RESTORING, restored WITH NORECOVERY
// from a full and at least one log backup), naming the principal; then on
// the principal, naming the mirror, which connects and starts the session
// (SYNCHRONIZING, then SYNCHRONIZED) with SAFETY FULL and TIMEOUT 10.
//
// Errors: 1449 bad address, 911 no such database, 1405 already mirrored,
// 1465 not FULL recovery, 1418 endpoint missing/stopped or partner
// unreachable, 1467/1466/1488 an EMERGENCY, read-only or single-user
// principal, 1452 the partner is this instance; from the mirror side
// 1416 (SET PARTNER not run there first), 1448, 1464, 1460, 1407; and
// 1478 or 1412 when the mirror's log is not close enough.
func (s *Server) SetPartner(db, address string) error {
	hostport, err := parseAddress(address)
	if err != nil {
		return err
	}
	info, err := s.inst.Database(db)
	if err != nil {
		return err
	}
	switch {
	case isSystemDatabase(info.Name):
		return engine.Raise(5069)
	case info.Mirroring != nil:
		return engine.Raise(1405, info.Name)
	case info.RecoveryModel != sqldb.RecoveryFull:
		return engine.Raise(1465, info.Name)
	}
	if ep, ok := s.Endpoint(); !ok || ep.State != "STARTED" || !ep.acceptsPartners() {
		return engine.Raise(1418, address)
	}
	if info.State == engine.StateRestoring {
		return s.armMirror(info.Name, address)
	}
	if err := refusePrincipalState(info); err != nil {
		return err
	}
	if info.State != engine.StateOnline {
		return engine.Raise(5069)
	}
	return s.startPrincipal(info.Name, address, hostport)
}

// isSystemDatabase reports master, model, msdb and tempdb, which cannot
// be mirrored.
func isSystemDatabase(name string) bool {
	switch name {
	case "master", "model", "msdb", "tempdb":
		return true
	}
	return false
}

// armMirror is the mirror side of SET PARTNER: it records the principal's
// address and waits for the principal to connect.
func (s *Server) armMirror(db, address string) error {
	m := engine.Mirroring{Role: engine.MirrorRoleMirror, State: StateDisconnected, PartnerName: address,
		ConnectionTimeout: defaultTimeout}
	if err := s.inst.SetMirroringRole(db, &m, engine.StateRestoring); err != nil {
		return err
	}
	if !s.addSession(newSession(s, db, m)) {
		return engine.Raise(1404)
	}
	return nil
}

// startPrincipal is the principal side of SET PARTNER: it connects to the
// mirror, checks that the mirror's log is close enough and starts the
// session.
func (s *Server) startPrincipal(db, address, hostport string) error {
	m := engine.Mirroring{GUID: uuid.New(), Role: engine.MirrorRolePrincipal, RoleSequence: 1, SafetyLevel: SafetyFull,
		SafetySequence: 1, PartnerName: address, ConnectionTimeout: defaultTimeout, State: StateDisconnected}
	ss := newSession(s, db, m)
	pos, err := s.inst.LogPosition(db)
	if err != nil {
		return err
	}
	fc, err := s.dial(hostport)
	if err != nil {
		return engine.Raise(1418, address)
	}
	w, err := s.establish(ss, fc, pos)
	if err != nil {
		fc.closeAfterPeer(s.cfg.DialTimeout)
		return err
	}
	m.PartnerInstance = w.Server
	if err := s.inst.SetMirroringRole(db, &m, engine.StateOnline); err != nil {
		fc.close()
		return err
	}
	ss.m = m
	if err := s.inst.SetLogShipper(db, ss); err != nil || !s.addSession(ss) {
		fc.close()
		return engine.Raise(1404)
	}
	ss.startPrincipalLink(fc, w)
	return nil
}

// establish runs the setup handshake on fc and the log checks; on success
// the mirror has stored the partnership.
func (s *Server) establish(ss *session, fc *frameConn, pos engine.LogPosition) (*Frame, error) {
	hello := ss.helloLocked(true)
	hello.Family = pos.FamilyGUID
	w, err := ss.handshake(fc, hello)
	if err != nil {
		return nil, engine.Raise(1418, ss.m.PartnerName)
	}
	if err := sqlError(w); err != nil {
		return nil, err
	}
	switch {
	case pos.LastLogBackupAt == 0 || w.Redo < pos.LastLogBackupAt:
		return nil, engine.Raise(1478, ss.name)
	case w.Redo > pos.EndOfLog.Next():
		return nil, engine.Raise(1412, ss.name)
	}
	if _, err := s.inst.LogSince(ss.name, w.Redo); err != nil {
		return nil, engine.Raise(1412, ss.name)
	}
	if err := fc.send(&Frame{Type: FrameControl, Op: OpEstablish, DB: ss.name, GUID: ss.m.GUID}); err != nil {
		return nil, engine.Raise(1456, ss.m.PartnerName)
	}
	r, err := fc.recv()
	if err != nil || r.Type != FrameReply {
		return nil, engine.Raise(1456, ss.m.PartnerName)
	}
	return w, sqlError(r)
}

// resume restarts the session of a database whose mirroring row is
// stored (at start-up). A principal with a witness does not serve the
// database until the witness or the mirror confirms its role.
func (s *Server) resume(info engine.DatabaseInfo) {
	m := *info.Mirroring
	ss := newSession(s, info.Name, m)
	if m.Role == engine.MirrorRolePrincipal {
		_ = s.inst.SetLogShipper(info.Name, ss)
		if m.WitnessName != "" && m.GUID != [16]byte{} {
			ss.noQuorum = true
			_ = s.inst.SetMirroringRole(info.Name, &m, engine.StateRecovering)
		} else {
			ss.exposed = true
		}
	}
	s.addSession(ss)
}
