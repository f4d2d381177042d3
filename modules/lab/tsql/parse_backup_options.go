package tsql

// parseBackupOptions parses [WITH option, …] for BACKUP or RESTORE; known
// reports the option names the statement accepts. An unknown name is SQL
// Server's error 155.
func (p *parser) parseBackupOptions(stmt string, known func(string) bool) ([]BackupOption, error) {
	if !p.acceptWord("WITH") {
		return nil, nil
	}
	return commaList(p, func() (BackupOption, error) {
		t := p.peek()
		o, err := p.parseBackupOption()
		if err == nil && !known(o.Name) {
			err = errUnknownOption(t, stmt)
		}
		return o, err
	})
}

// parseBackupOption parses NAME, NAME = value, MOVE 'a' TO 'b' or
// STOPATMARK = 'mark' [AFTER 'time'].
func (p *parser) parseBackupOption() (BackupOption, error) {
	o := BackupOption{Pos: p.here()}
	var err error
	if o.Name, err = p.anyWord(); err != nil {
		return o, err
	}
	if o.Name == "MOVE" {
		return o, p.parseMove(&o)
	}
	if !p.acceptOp("=") {
		if p.isOp("(") {
			return o, p.unsupported(p.peek(), o.Name, "(…)")
		}
		return o, nil
	}
	if o.Value, err = p.parseSignedLiteral(); err != nil {
		return o, err
	}
	if (o.Name == "STOPATMARK" || o.Name == "STOPBEFOREMARK") && p.acceptWord("AFTER") {
		o.To, err = p.parseSignedLiteral()
	}
	return o, err
}

// parseMove parses 'logical' TO 'path' after MOVE.
func (p *parser) parseMove(o *BackupOption) error {
	var err error
	if o.Value, err = p.parseAddress(); err != nil {
		return err
	}
	if err = p.expectWord("TO"); err != nil {
		return err
	}
	o.To, err = p.parseAddress()
	return err
}

// isBackupOption reports the WITH options of BACKUP.
func isBackupOption(name string) bool {
	switch name {
	case "COPY_ONLY", "COMPRESSION", "NO_COMPRESSION", "DIFFERENTIAL", "DESCRIPTION", "NAME",
		"EXPIREDATE", "RETAINDAYS", "INIT", "NOINIT", "SKIP", "NOSKIP", "FORMAT", "NOFORMAT",
		"MEDIADESCRIPTION", "MEDIANAME", "BLOCKSIZE", "BUFFERCOUNT", "MAXTRANSFERSIZE",
		"CHECKSUM", "NO_CHECKSUM", "STOP_ON_ERROR", "CONTINUE_AFTER_ERROR", "STATS", "REWIND",
		"NOREWIND", "UNLOAD", "NOUNLOAD", "NORECOVERY", "STANDBY", "NO_TRUNCATE",
		"FILE_SNAPSHOT", "METADATA_ONLY", "NO_LOG", "TRUNCATE_ONLY", "CREDENTIAL":
		return true
	}
	return false
}

// isRestoreOption reports the WITH options of RESTORE.
func isRestoreOption(name string) bool {
	switch name {
	case "RECOVERY", "NORECOVERY", "STANDBY", "MOVE", "REPLACE", "RESTART", "RESTRICTED_USER",
		"FILE", "PASSWORD", "MEDIANAME", "MEDIAPASSWORD", "BLOCKSIZE", "BUFFERCOUNT",
		"MAXTRANSFERSIZE", "CHECKSUM", "NO_CHECKSUM", "STOP_ON_ERROR", "CONTINUE_AFTER_ERROR",
		"STATS", "REWIND", "NOREWIND", "UNLOAD", "NOUNLOAD", "KEEP_REPLICATION", "KEEP_CDC",
		"ENABLE_BROKER", "ERROR_BROKER_CONVERSATIONS", "NEW_BROKER", "STOPAT", "STOPATMARK",
		"STOPBEFOREMARK", "PARTIAL", "CREDENTIAL", "LOADHISTORY", "DBO_ONLY":
		return true
	}
	return false
}
