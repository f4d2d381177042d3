package tsql

// parseBackup parses BACKUP DATABASE | LOG name TO device, … [WITH
// option, …].
func (p *parser) parseBackup() (Stmt, error) {
	s := &BackupStmt{Pos: p.here()}
	p.next()
	kind, err := p.oneOfWords("DATABASE", "LOG")
	if err != nil {
		if w := p.word(); w == "CERTIFICATE" || w == "MASTER" || w == "SERVICE" {
			return nil, p.unsupported(p.peek(), "BACKUP", w)
		}
		return nil, err
	}
	s.Log = kind == "LOG"
	if s.Database, err = p.parseDBRef(); err != nil {
		return nil, err
	}
	if err = p.expectWord("TO"); err != nil {
		return nil, p.backupFileClauseError(err)
	}
	if s.Devices, err = p.parseDevices(); err != nil {
		return nil, err
	}
	s.Options, err = p.parseBackupOptions("BACKUP", isBackupOption)
	return s, err
}

// backupFileClauseError names file and filegroup backups, which the lab
// does not implement, instead of reporting a syntax error.
func (p *parser) backupFileClauseError(err error) error {
	if w := p.word(); w == "FILE" || w == "FILEGROUP" || w == "PAGE" || w == "READ_WRITE_FILEGROUPS" {
		return p.unsupported(p.peek(), "BACKUP …", w)
	}
	return err
}

// parseRestore parses RESTORE DATABASE | LOG name [FROM devices] [WITH
// options] and RESTORE HEADERONLY | FILELISTONLY | VERIFYONLY | LABELONLY
// FROM devices [WITH options].
func (p *parser) parseRestore() (Stmt, error) {
	s := &RestoreStmt{Pos: p.here()}
	p.next()
	var err error
	s.Kind, err = p.oneOfWords("DATABASE", "LOG", "HEADERONLY", "FILELISTONLY", "VERIFYONLY", "LABELONLY")
	if err != nil {
		return nil, err
	}
	named := s.Kind == "DATABASE" || s.Kind == "LOG"
	if named {
		if s.Database, err = p.parseDBRef(); err != nil {
			return nil, err
		}
	}
	if p.acceptWord("FROM") {
		if s.Devices, err = p.parseDevices(); err != nil {
			return nil, err
		}
	} else if !named {
		return nil, p.fail()
	} else if err = p.backupFileClauseError(nil); err != nil {
		return nil, err
	}
	s.Options, err = p.parseBackupOptions("RESTORE", isRestoreOption)
	return s, err
}

// parseDBRef parses a database name or @variable.
func (p *parser) parseDBRef() (DBRef, error) {
	if t := p.peek(); t.Kind == Variable {
		p.next()
		return DBRef{Var: t.Text}, nil
	}
	name, err := p.ident()
	return DBRef{Name: name}, err
}

// parseDevices parses DISK | URL | TAPE = 'path' | @var, ….
func (p *parser) parseDevices() ([]Device, error) {
	return commaList(p, func() (Device, error) {
		d := Device{Pos: p.here()}
		var err error
		if d.Type, err = p.oneOfWords("DISK", "URL", "TAPE"); err != nil {
			if p.isIdent() {
				return d, p.unsupported(p.peek(), "backup device name")
			}
			return d, err
		}
		if err = p.expectOp("="); err != nil {
			return d, err
		}
		d.Path, err = p.parseAddress()
		return d, err
	})
}
