package tsql

// parseColumnDef parses name type followed by column properties in any
// order: NULL, NOT NULL, IDENTITY[(s, i)], DEFAULT expr, PRIMARY KEY,
// UNIQUE, COLLATE name, [CONSTRAINT name].
func (p *parser) parseColumnDef() (ColumnDef, error) {
	c := ColumnDef{Pos: p.here()}
	var err error
	if c.Name, err = p.ident(); err != nil {
		return c, err
	}
	if c.Type, err = p.parseType(); err != nil {
		return c, err
	}
	for {
		done, err := p.parseColumnProperty(&c)
		if err != nil || done {
			return c, err
		}
	}
}

// parseColumnProperty parses one column property; done is true when none
// follows.
func (p *parser) parseColumnProperty(c *ColumnDef) (done bool, err error) {
	switch p.word() {
	case "NULL", "NOT":
		notNull := p.acceptWord("NOT")
		nullable := !notNull
		c.Nullable = &nullable
		err = p.expectWord("NULL")
	case "IDENTITY":
		c.Identity, err = p.parseIdentity()
	case "DEFAULT":
		p.next()
		c.Default, err = p.parseBinary(precAdd)
	case "PRIMARY":
		p.next()
		c.PrimaryKey = true
		err = p.expectWord("KEY")
		if err == nil {
			_, err = p.parseClustered()
		}
	case "UNIQUE":
		p.next()
		c.Unique = true
		_, err = p.parseClustered()
	case "COLLATE":
		p.next()
		c.Collate, err = p.ident()
	case "CONSTRAINT":
		p.next()
		_, err = p.ident()
	case "ROWGUIDCOL":
		p.next()
	case "CHECK", "REFERENCES", "FOREIGN":
		return true, p.unsupported(p.peek(), "CREATE TABLE …", p.word())
	default:
		return true, nil
	}
	return false, err
}

// parseIdentity parses IDENTITY [(seed, increment)].
func (p *parser) parseIdentity() (*Identity, error) {
	p.next()
	id := &Identity{}
	if !p.acceptOp("(") {
		return id, nil
	}
	var err error
	if id.Seed, err = p.parseSignedLiteral(); err != nil {
		return nil, err
	}
	if err = p.expectOp(","); err != nil {
		return nil, err
	}
	if id.Increment, err = p.parseSignedLiteral(); err != nil {
		return nil, err
	}
	return id, p.expectOp(")")
}
