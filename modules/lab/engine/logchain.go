package engine

// LogChain is the backup chain bookkeeping of a database, as RESTORE and
// log shipping see it: where the next log backup starts and, for a
// RESTORING or STANDBY database, the redo point the next log restore must
// cover.
type LogChain struct {
	// Started reports whether a full backup (or a recovering restore)
	// began the log chain, so BACKUP LOG is possible.
	Started bool
	// LogBackupLSN is the first LSN not yet in a log backup.
	LogBackupLSN LSN
	// LastFullLSN is the checkpoint LSN of the last full backup.
	LastFullLSN LSN
	// RestoredLSN is the redo point of a RESTORING or STANDBY database:
	// a log backup applies when FirstLSN <= RestoredLSN < LastLSN.
	RestoredLSN LSN
}

// LogChain returns the backup chain state of database name (911 when it
// does not exist).
func (i *Instance) LogChain(name string) (LogChain, error) {
	db, err := i.lookup(name)
	if err != nil {
		return LogChain{}, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	c := db.chain
	return LogChain{Started: c.Started, LogBackupLSN: c.LogBackupLSN, LastFullLSN: c.LastFullLSN,
		RestoredLSN: c.RestoredLSN}, nil
}
