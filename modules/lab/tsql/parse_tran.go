package tsql

// parseBeginTran parses BEGIN TRAN[SACTION] [{name | @var} [WITH MARK
// ['description']]]; WITH MARK needs a name.
func (p *parser) parseBeginTran() (Stmt, error) {
	s := &TranStmt{Pos: p.here(), Action: "BEGIN"}
	p.next()
	p.next()
	var err error
	s.Name, err = p.parseTranName()
	if err != nil || !p.isWord("WITH") {
		return s, err
	}
	if s.Name == "" {
		return nil, p.fail()
	}
	p.next()
	if !p.acceptWord("MARK") {
		return nil, p.fail()
	}
	s.Mark = true
	if t := p.peek(); t.Kind == String || t.Kind == NString {
		p.next()
		s.Description = t.Value
	}
	return s, nil
}

// parseTranEnd parses COMMIT, ROLLBACK and SAVE [TRAN[SACTION] | WORK] [name].
func (p *parser) parseTranEnd() (Stmt, error) {
	s := &TranStmt{Pos: p.here(), Action: p.word()}
	p.next()
	if s.Action != "SAVE" && p.acceptWord("WORK") {
		return s, nil
	}
	if !p.acceptWord("TRAN") && !p.acceptWord("TRANSACTION") {
		if s.Action == "SAVE" {
			return nil, p.fail()
		}
		return s, nil
	}
	var err error
	s.Name, err = p.parseTranName()
	if err == nil && s.Action == "SAVE" && s.Name == "" {
		return nil, p.fail()
	}
	return s, err
}

// parseTranName parses an optional transaction name or @variable.
func (p *parser) parseTranName() (string, error) {
	t := p.peek()
	switch {
	case t.Kind == Variable:
		p.next()
		return t.Text, nil
	case isIdentToken(t):
		p.next()
		return t.Value, nil
	}
	return "", nil
}
