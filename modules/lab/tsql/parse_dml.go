package tsql

// parseInsert parses INSERT [INTO] t [(cols)] VALUES … | SELECT … | EXEC … |
// DEFAULT VALUES.
func (p *parser) parseInsert() (Stmt, error) {
	s := &InsertStmt{Pos: p.here()}
	p.next()
	p.acceptWord("INTO")
	var err error
	if s.Table, err = p.parseName(); err != nil {
		return nil, err
	}
	if p.isOp("(") {
		if s.Columns, err = p.parseIdentList(); err != nil {
			return nil, err
		}
	}
	return s, p.parseInsertSource(s)
}

// parseInsertSource parses what an INSERT inserts.
func (p *parser) parseInsertSource(s *InsertStmt) error {
	var err error
	switch p.word() {
	case "VALUES":
		p.next()
		s.Values, err = p.parseValueRows()
	case "SELECT":
		s.Select, err = p.parseSelect()
	case "EXEC", "EXECUTE":
		var st Stmt
		if st, err = p.parseExec(); err == nil {
			s.Exec = st.(*ExecStmt)
		}
	case "DEFAULT":
		p.next()
		s.Default = true
		err = p.expectWord("VALUES")
	case "OUTPUT":
		err = p.unsupported(p.peek(), "INSERT … OUTPUT")
	default:
		err = p.fail()
	}
	return err
}

// parseValueRows parses (v, …), (v, …) where a value may be DEFAULT.
func (p *parser) parseValueRows() ([][]Expr, error) {
	return commaList(p, func() ([]Expr, error) {
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		row, err := commaList(p, p.parseValueOrDefault)
		if err != nil {
			return nil, err
		}
		return row, p.expectOp(")")
	})
}

// parseValueOrDefault parses an expression or the DEFAULT keyword.
func (p *parser) parseValueOrDefault() (Expr, error) {
	if p.isWord("DEFAULT") {
		return &DefaultExpr{Pos: Pos{p.next().Line}}, nil
	}
	return p.parseExpr()
}

// parseUpdate parses UPDATE t SET assignments [FROM …] [WHERE …].
func (p *parser) parseUpdate() (Stmt, error) {
	s := &UpdateStmt{Pos: p.here()}
	p.next()
	if p.isWord("TOP") || p.isWord("STATISTICS") {
		return nil, p.unsupported(p.peek(), "UPDATE", p.word())
	}
	var err error
	if s.Table, err = p.parseTableRef(); err != nil {
		return nil, err
	}
	if err = p.expectWord("SET"); err != nil {
		return nil, err
	}
	if s.Set, err = p.parseAssignments(); err != nil {
		return nil, err
	}
	if p.acceptWord("FROM") {
		if s.From, s.Joins, err = p.parseFrom(); err != nil {
			return nil, err
		}
	}
	s.Where, err = p.parseWhere()
	return s, err
}

// parseAssignments parses col = expr, @v = expr, ….
func (p *parser) parseAssignments() ([]Assignment, error) {
	return commaList(p, p.parseAssignment)
}

// parseAssignment parses col = expr or @v = expr.
func (p *parser) parseAssignment() (Assignment, error) {
	a := Assignment{Pos: p.here()}
	var err error
	if t := p.peek(); t.Kind == Variable {
		a.Var = p.next().Text
	} else if a.Column, err = p.parseName(); err != nil {
		return a, err
	}
	op := p.peek()
	if op.Kind != Op || !isAssignOp(op.Text) {
		return a, p.fail()
	}
	p.next()
	a.Op = op.Text
	a.Value, err = p.parseValueOrDefault()
	return a, err
}

// parseDelete parses DELETE [FROM] t [WHERE …].
func (p *parser) parseDelete() (Stmt, error) {
	s := &DeleteStmt{Pos: p.here()}
	p.next()
	if p.isWord("TOP") {
		return nil, p.unsupported(p.peek(), "DELETE TOP")
	}
	p.acceptWord("FROM")
	var err error
	if s.Table, err = p.parseTableRef(); err != nil {
		return nil, err
	}
	if p.isWord("FROM") {
		return nil, p.unsupported(p.peek(), "DELETE … FROM")
	}
	s.Where, err = p.parseWhere()
	return s, err
}

// parseTruncate parses TRUNCATE TABLE t.
func (p *parser) parseTruncate() (Stmt, error) {
	s := &TruncateStmt{Pos: p.here()}
	p.next()
	if err := p.expectWord("TABLE"); err != nil {
		return nil, err
	}
	var err error
	s.Table, err = p.parseName()
	return s, err
}
