package engine

// logSpace is 9002 when Options.Disk refuses a write to the data
// directory, where the log lives: with its disk full the log cannot grow,
// so no change to db can be logged. The reason is db's
// log_reuse_wait_desc, as SQL Server reports it. The engine's own history
// session (msdb backup and restore history) is not refused: SQL Server
// would warn (3009) and complete the backup or restore.
func (s *Session) logSpace(db *database) error {
	if s.spid == 0 {
		return nil
	}
	if err := s.inst.opts.Disk.WriteFault(s.inst.opts.Dir); err == nil {
		return nil
	}
	db.mu.RLock()
	name, reason := db.info.Name, db.logReuseWait()
	db.mu.RUnlock()
	// MSSQLSERVER_9002 (LOG_IS_FULL), severity 17, with its catalog text
	// in SQL Server 2016-2019 ("ee-9000-9999").
	return &Error{Number: 9002, Severity: 17, State: 1,
		Message: "The transaction log for database '" + name + "' is full due to '" + reason + "'."}
}

// commit commits t unless the log of a database it changed cannot be
// written: then it rolls t back, releases its writers and returns 9002.
func (s *Session) commit(t *txn) error {
	for _, db := range t.dbs {
		if err := s.logSpace(db); err != nil && len(t.ops) > 0 {
			t.rollbackTo(mark{})
			t.release()
			return err
		}
	}
	return s.inst.commit(t)
}
