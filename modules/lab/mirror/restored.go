package mirror

import (
	"strings"

	"pcsh/modules/lab/engine"
)

// A database restored from backups of a mirrored principal is in no
// mirroring session: the engine drops the mirroring row a full backup
// holds (engine.Instance.RestoreDatabase), and only ALTER DATABASE … SET
// PARTNER starts a session on it. The guards here keep a copy that still
// carries a row, restored by a lab from before that rule, from resuming
// the session at start-up or speaking for it to a partner or witness.

// restoredRow reports whether info's stored mirroring row cannot belong
// to a session on this instance: a principal is ONLINE (or RECOVERING
// without quorum), never RESTORING or in STANDBY, and a mirror is always
// RESTORING. Such a row was carried by a restore.
func restoredRow(info engine.DatabaseInfo) bool {
	m := info.Mirroring
	if m == nil {
		return false
	}
	if m.Role == engine.MirrorRoleMirror {
		return info.State != engine.StateRestoring || info.IsInStandby
	}
	return info.State == engine.StateRestoring || info.IsInStandby
}

// resumeStored resumes the session of a database with a stored row at
// start-up, or drops a row a restore carried (the database is then not
// mirrored, as sys.database_mirroring shows).
func (s *Server) resumeStored(info engine.DatabaseInfo) {
	if !restoredRow(info) {
		s.resume(info)
		return
	}
	if err := s.inst.SetMirroring(info.Name, nil); err != nil {
		s.cfg.Logf("%s [%s] cannot drop the mirroring row a restore carried: %v", s.cfg.ServerName, info.Name, err)
	}
}

// samePartner reports whether server is the partner instance known, or
// no partner instance is known yet.
func samePartner(known, server string) bool {
	return known == "" || strings.EqualFold(known, server)
}
