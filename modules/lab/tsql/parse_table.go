package tsql

// parseCreateTable parses CREATE TABLE t (column and constraint
// definitions) [ON filegroup] [TEXTIMAGE_ON filegroup].
func (p *parser) parseCreateTable() (Stmt, error) {
	s := &CreateTableStmt{Pos: p.here()}
	p.pos += 2
	var err error
	if s.Table, err = p.parseName(); err != nil {
		return nil, err
	}
	if err = p.expectOp("("); err != nil {
		return nil, err
	}
	for {
		if err = p.parseTableElement(s); err != nil {
			return nil, err
		}
		if !p.acceptOp(",") {
			break
		}
	}
	if err = p.expectOp(")"); err != nil {
		return nil, err
	}
	return s, p.skipStorageClauses()
}

// skipStorageClauses accepts and drops ON [PRIMARY] and TEXTIMAGE_ON
// [PRIMARY], which SSMS adds to scripted tables.
func (p *parser) skipStorageClauses() error {
	for p.isWord("ON") || p.isWord("TEXTIMAGE_ON") {
		p.next()
		if _, err := p.ident(); err != nil {
			return err
		}
	}
	return nil
}

// parseTableElement parses one column or table constraint.
func (p *parser) parseTableElement(s *CreateTableStmt) error {
	switch p.word() {
	case "CONSTRAINT", "PRIMARY", "UNIQUE":
		c, err := p.parseTableConstraint()
		s.Constraints = append(s.Constraints, c)
		return err
	case "FOREIGN", "CHECK", "INDEX":
		return p.unsupported(p.peek(), "CREATE TABLE …", p.word())
	}
	c, err := p.parseColumnDef()
	s.Columns = append(s.Columns, c)
	return err
}

// parseTableConstraint parses [CONSTRAINT name] PRIMARY KEY | UNIQUE
// [CLUSTERED | NONCLUSTERED] (col [ASC | DESC], …) [WITH (…)] [ON fg].
func (p *parser) parseTableConstraint() (TableConstraint, error) {
	c := TableConstraint{Pos: p.here()}
	var err error
	if p.acceptWord("CONSTRAINT") {
		if c.Name, err = p.ident(); err != nil {
			return c, err
		}
	}
	if c.Kind, err = p.parseKeyKind(); err != nil {
		return c, err
	}
	if c.Clustered, err = p.parseClustered(); err != nil {
		return c, err
	}
	if err = p.expectOp("("); err != nil {
		return c, err
	}
	if c.Columns, err = p.parseOrderItems(); err != nil {
		return c, err
	}
	if err = p.expectOp(")"); err != nil {
		return c, err
	}
	return c, p.skipIndexOptions()
}

// parseKeyKind parses PRIMARY KEY or UNIQUE.
func (p *parser) parseKeyKind() (string, error) {
	if p.acceptWord("UNIQUE") {
		return "UNIQUE", nil
	}
	if p.isWord("FOREIGN") || p.isWord("CHECK") || p.isWord("DEFAULT") {
		return "", p.unsupported(p.peek(), "CONSTRAINT", p.word())
	}
	return "PRIMARY KEY", p.expectWord("PRIMARY", "KEY")
}

// parseClustered parses an optional CLUSTERED or NONCLUSTERED.
func (p *parser) parseClustered() (string, error) {
	if w := p.word(); w == "CLUSTERED" || w == "NONCLUSTERED" {
		p.next()
		return w, nil
	}
	return "", nil
}

// skipIndexOptions accepts and drops WITH (PAD_INDEX = OFF, …) and ON fg
// after a key constraint.
func (p *parser) skipIndexOptions() error {
	if p.isWord("WITH") && p.peekAt(1).IsOp("(") {
		p.next()
		if err := p.skipParens(); err != nil {
			return err
		}
	}
	if p.isWord("ON") {
		p.next()
		_, err := p.ident()
		return err
	}
	return nil
}

// skipParens skips a balanced parenthesized token group.
func (p *parser) skipParens() error {
	depth := 0
	for {
		t := p.next()
		switch {
		case t.Kind == EOF:
			return p.fail()
		case t.IsOp("("):
			depth++
		case t.IsOp(")"):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// parseDropTable parses DROP TABLE [IF EXISTS] t, ….
func (p *parser) parseDropTable() (Stmt, error) {
	s := &DropTableStmt{Pos: p.here()}
	p.pos += 2
	s.IfExists = p.parseIfExists()
	var err error
	s.Tables, err = commaList(p, p.parseName)
	return s, err
}

// parseIfExists consumes IF EXISTS when present.
func (p *parser) parseIfExists() bool {
	if p.isWord("IF") && p.peekAt(1).IsWord("EXISTS") {
		p.pos += 2
		return true
	}
	return false
}
