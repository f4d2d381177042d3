package tsql

// parseDeclare parses DECLARE @a [AS] type [= value], ….
func (p *parser) parseDeclare() (Stmt, error) {
	s := &DeclareStmt{Pos: p.here()}
	p.next()
	var err error
	s.Vars, err = commaList(p, p.parseVarDecl)
	return s, err
}

func (p *parser) parseVarDecl() (VarDecl, error) {
	d := VarDecl{Pos: p.here()}
	t := p.peek()
	if t.Kind != Variable {
		if p.peekAt(1).IsWord("CURSOR") {
			return d, p.unsupported(t, "DECLARE CURSOR")
		}
		return d, p.fail()
	}
	p.next()
	d.Name = t.Text
	p.acceptWord("AS")
	if p.isWord("TABLE") || p.isWord("CURSOR") {
		return d, p.unsupported(p.peek(), "DECLARE", p.word())
	}
	var err error
	if d.Type, err = p.parseType(); err != nil {
		return d, err
	}
	if p.acceptOp("=") {
		d.Value, err = p.parseExpr()
	}
	return d, err
}

// parseSet parses SET @var = value or a session option.
func (p *parser) parseSet() (Stmt, error) {
	pos := p.here()
	p.next()
	t := p.peek()
	if t.Kind != Variable {
		return p.parseSetOption(pos)
	}
	p.next()
	op := p.peek()
	if op.Kind != Op || !isAssignOp(op.Text) {
		return nil, p.fail()
	}
	p.next()
	value, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return &SetVarStmt{Pos: pos, Name: t.Text, Op: op.Text, Value: value}, nil
}

// isAssignOp reports = and the compound assignment operators.
func isAssignOp(op string) bool {
	switch op {
	case "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=":
		return true
	}
	return false
}
