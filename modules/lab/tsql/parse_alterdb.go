package tsql

// parseAlterDatabase parses ALTER DATABASE name | CURRENT followed by SET
// options, SET PARTNER, SET WITNESS or MODIFY NAME.
func (p *parser) parseAlterDatabase() (Stmt, error) {
	s := &AlterDatabaseStmt{Pos: p.here()}
	p.pos += 2
	if s.Current = p.acceptWord("CURRENT"); !s.Current {
		var err error
		if s.Name, err = p.ident(); err != nil {
			return nil, err
		}
	}
	switch p.word() {
	case "SET":
		p.next()
		return s, p.parseAlterDatabaseSet(s)
	case "MODIFY":
		return s, p.parseModifyName(s)
	case "":
		return nil, p.fail()
	}
	return nil, p.unsupported(p.peek(), "ALTER DATABASE", p.word())
}

// parseModifyName parses MODIFY NAME = new_name.
func (p *parser) parseModifyName(s *AlterDatabaseStmt) error {
	p.next()
	if !p.isWord("NAME") {
		return p.unsupported(p.peek(), "ALTER DATABASE MODIFY", p.word())
	}
	p.next()
	if err := p.expectOp("="); err != nil {
		return err
	}
	var err error
	s.ModifyName, err = p.ident()
	return err
}

// parseAlterDatabaseSet parses what follows SET.
func (p *parser) parseAlterDatabaseSet(s *AlterDatabaseStmt) error {
	var err error
	switch p.word() {
	case "PARTNER":
		s.Partner, err = p.parsePartner()
		return err
	case "WITNESS":
		s.Witness, err = p.parseWitness()
		return err
	}
	if s.Options, err = commaList(p, p.parseDBOption); err != nil {
		return err
	}
	if p.acceptWord("WITH") {
		s.Termination, err = p.parseTermination()
	}
	return err
}

// parseDBOption parses one database option: a bare state or access word
// (ONLINE, SINGLE_USER), NAME value (RECOVERY FULL) or NAME = value.
func (p *parser) parseDBOption() (DBOption, error) {
	o := DBOption{Pos: p.here()}
	var err error
	if o.Name, err = p.anyWord(); err != nil {
		return o, err
	}
	if isBareDBOption(o.Name) {
		return o, nil
	}
	o.Assign = p.acceptOp("=")
	if o.Value, err = p.dbOptionValue(); err != nil {
		return o, err
	}
	if o.Name == "RECOVERY" && !isRecoveryModel(o.Value) {
		p.pos--
		return o, p.fail()
	}
	return o, nil
}

// dbOptionValue consumes a single-word or numeric option value.
func (p *parser) dbOptionValue() (string, error) {
	if t := p.peek(); t.Kind == Integer {
		p.next()
		return t.Text, nil
	}
	return p.anyWord()
}

// isBareDBOption reports the options written without a value.
func isBareDBOption(w string) bool {
	switch w {
	case "SINGLE_USER", "MULTI_USER", "RESTRICTED_USER", "ONLINE", "OFFLINE", "EMERGENCY",
		"READ_ONLY", "READ_WRITE", "ENABLE_BROKER", "DISABLE_BROKER", "NEW_BROKER",
		"ERROR_BROKER_CONVERSATIONS":
		return true
	}
	return false
}

func isRecoveryModel(w string) bool { return w == "FULL" || w == "SIMPLE" || w == "BULK_LOGGED" }

// parseTermination parses ROLLBACK IMMEDIATE | ROLLBACK AFTER n [SECONDS] |
// NO_WAIT after WITH.
func (p *parser) parseTermination() (*Termination, error) {
	if p.acceptWord("NO_WAIT") {
		return &Termination{Kind: "NO_WAIT"}, nil
	}
	if err := p.expectWord("ROLLBACK"); err != nil {
		return nil, err
	}
	if p.acceptWord("IMMEDIATE") {
		return &Termination{Kind: "ROLLBACK IMMEDIATE"}, nil
	}
	if err := p.expectWord("AFTER"); err != nil {
		return nil, err
	}
	n, err := p.parseSignedLiteral()
	if err != nil {
		return nil, err
	}
	p.acceptWord("SECONDS")
	return &Termination{Kind: "ROLLBACK AFTER", Seconds: n}, nil
}
