package tsql

// parseSelect parses a SELECT statement or subquery body.
func (p *parser) parseSelect() (*SelectStmt, error) {
	s := &SelectStmt{Pos: p.here()}
	if err := p.expectWord("SELECT"); err != nil {
		return nil, err
	}
	if err := p.parseSelectHead(s); err != nil {
		return nil, err
	}
	cols, err := p.parseSelectList()
	if err != nil {
		return nil, err
	}
	s.Columns = cols
	if err := p.parseSelectTail(s); err != nil {
		return nil, err
	}
	return s, p.rejectSetOperators()
}

// parseSelectHead parses [ALL | DISTINCT] [TOP …].
func (p *parser) parseSelectHead(s *SelectStmt) error {
	s.Distinct = p.acceptWord("DISTINCT")
	if !s.Distinct {
		p.acceptWord("ALL")
	}
	if !p.isWord("TOP") {
		return nil
	}
	top, err := p.parseTop()
	s.Top = top
	return err
}

// parseTop parses TOP (expr) | TOP n [PERCENT] [WITH TIES].
func (p *parser) parseTop() (*Top, error) {
	p.next()
	top := &Top{}
	var err error
	if p.acceptOp("(") {
		if top.Count, err = p.parseExpr(); err != nil {
			return nil, err
		}
		err = p.expectOp(")")
	} else if lit, ok := p.parseLiteral(); ok {
		top.Count = lit
	} else {
		return nil, p.fail()
	}
	top.Percent = p.acceptWord("PERCENT")
	if p.isWord("WITH") && p.peekAt(1).IsWord("TIES") {
		p.next()
		p.next()
		top.WithTies = true
	}
	return top, err
}

// parseSelectTail parses INTO, FROM, WHERE, GROUP BY, HAVING and ORDER BY.
func (p *parser) parseSelectTail(s *SelectStmt) error {
	var err error
	if p.acceptWord("INTO") {
		n, err := p.parseName()
		if err != nil {
			return err
		}
		s.Into = &n
	}
	if p.acceptWord("FROM") {
		if s.From, s.Joins, err = p.parseFrom(); err != nil {
			return err
		}
	}
	if s.Where, err = p.parseWhere(); err != nil {
		return err
	}
	if p.isWord("GROUP") {
		if s.GroupBy, err = p.parseByList("GROUP"); err != nil {
			return err
		}
	}
	if p.acceptWord("HAVING") {
		if s.Having, err = p.parseExpr(); err != nil {
			return err
		}
	}
	if p.isWord("ORDER") {
		s.OrderBy, err = p.parseOrderBy()
	}
	return err
}

// rejectSetOperators names the clauses that follow a SELECT in SQL Server
// but that the lab does not implement.
func (p *parser) rejectSetOperators() error {
	switch w := p.word(); w {
	case "UNION", "EXCEPT", "INTERSECT", "OPTION", "FOR", "COMPUTE":
		return p.unsupported(p.peek(), "SELECT …", w)
	}
	return nil
}

// parseWhere parses an optional WHERE clause.
func (p *parser) parseWhere() (Expr, error) {
	if !p.acceptWord("WHERE") {
		return nil, nil
	}
	return p.parseExpr()
}

// parseByList parses GROUP BY expr, ….
func (p *parser) parseByList(kw string) ([]Expr, error) {
	if err := p.expectWord(kw, "BY"); err != nil {
		return nil, err
	}
	return p.parseExprList()
}

// parseOrderBy parses ORDER BY expr [ASC | DESC], ….
func (p *parser) parseOrderBy() ([]OrderItem, error) {
	if err := p.expectWord("ORDER", "BY"); err != nil {
		return nil, err
	}
	return p.parseOrderItems()
}

// parseOrderItems parses expr [ASC | DESC], ….
func (p *parser) parseOrderItems() ([]OrderItem, error) {
	return commaList(p, func() (OrderItem, error) {
		item := OrderItem{Pos: p.here()}
		var err error
		item.Expr, err = p.parseExpr()
		if !p.acceptWord("ASC") {
			item.Desc = p.acceptWord("DESC")
		}
		return item, err
	})
}

// parseSelectList parses the comma-separated select items.
func (p *parser) parseSelectList() ([]SelectItem, error) { return commaList(p, p.parseSelectItem) }

// parseSelectItem parses *, t.*, @v = expr, alias = expr or expr [AS] alias.
func (p *parser) parseSelectItem() (SelectItem, error) {
	item := SelectItem{Pos: p.here()}
	t, eq := p.peek(), p.peekAt(1).IsOp("=")
	switch {
	case t.IsOp("*"):
		p.next()
		item.Expr = &StarExpr{Pos: item.Pos}
		return item, nil
	case t.Kind == Variable && eq:
		p.next()
		p.next()
		item.Var = t.Text
	case (isIdentToken(t) || t.Kind == String) && eq:
		p.next()
		p.next()
		item.Alias = t.Value
	}
	if star, ok, err := p.parseQualifiedStar(); ok || err != nil {
		item.Expr = star
		return item, err
	}
	e, err := p.parseExpr()
	if err != nil {
		return item, err
	}
	item.Expr = e
	if item.Alias == "" && item.Var == "" {
		item.Alias, err = p.parseAlias(true)
	}
	return item, err
}

// parseQualifiedStar parses t.* and schema.t.*; ok is false when the
// current tokens are something else.
func (p *parser) parseQualifiedStar() (Expr, bool, error) {
	i := 0
	for isIdentToken(p.peekAt(i)) && p.peekAt(i+1).IsOp(".") {
		i += 2
		if p.peekAt(i).IsOp("*") {
			pos := p.here()
			n, err := p.parseName()
			if err != nil {
				return nil, true, err
			}
			p.next()
			p.next()
			return &StarExpr{Pos: pos, Qualifier: n}, true, nil
		}
	}
	return nil, false, nil
}

// parseAlias parses [AS] alias; strings are accepted as column aliases.
func (p *parser) parseAlias(allowString bool) (string, error) {
	as := p.acceptWord("AS")
	t := p.peek()
	switch {
	case isIdentToken(t), allowString && t.Kind == String:
		p.next()
		return t.Value, nil
	case as:
		return "", p.fail()
	}
	return "", nil
}

// parseFrom parses one table source followed by joins; a comma-separated
// table becomes a CROSS JOIN.
func (p *parser) parseFrom() (*TableRef, []Join, error) {
	first, err := p.parseTableRef()
	if err != nil {
		return nil, nil, err
	}
	var joins []Join
	for {
		j, ok, err := p.parseJoin()
		if err != nil || !ok {
			return &first, joins, err
		}
		joins = append(joins, j)
	}
}

// parseJoin parses one join; ok is false when no join follows.
func (p *parser) parseJoin() (Join, bool, error) {
	j := Join{Pos: p.here()}
	kind, ok := p.joinKind()
	if !ok {
		return j, false, nil
	}
	j.Kind = kind
	var err error
	if j.Table, err = p.parseTableRef(); err != nil {
		return j, true, err
	}
	if kind != "CROSS" {
		if err = p.expectWord("ON"); err != nil {
			return j, true, err
		}
		j.On, err = p.parseExpr()
	}
	return j, true, err
}

// joinKind consumes a join operator and returns its kind.
func (p *parser) joinKind() (string, bool) {
	if p.acceptOp(",") {
		return "CROSS", true
	}
	switch w := p.word(); w {
	case "JOIN":
		p.next()
		return "INNER", true
	case "INNER", "CROSS", "LEFT", "RIGHT", "FULL":
		n := 1
		if p.wordAt(1) == "OUTER" && w != "INNER" && w != "CROSS" {
			n = 2
		}
		if p.wordAt(n) != "JOIN" {
			return "", false
		}
		p.pos += n + 1
		return w, true
	}
	return "", false
}

// parseTableRef parses name [[AS] alias] [WITH (hints)].
func (p *parser) parseTableRef() (TableRef, error) {
	t := TableRef{Pos: p.here()}
	if p.isOp("(") {
		return t, p.unsupported(p.peek(), "derived table")
	}
	var err error
	if t.Name, err = p.parseName(); err != nil {
		return t, err
	}
	if p.isOp("(") && !p.isLegacyHint() {
		return t, p.unsupported(p.peek(), "table-valued function")
	}
	if t.Alias, err = p.parseAlias(false); err != nil {
		return t, err
	}
	t.Hints, err = p.parseTableHints()
	return t, err
}

// parseTableHints parses WITH (NOLOCK, …) or the legacy (NOLOCK).
func (p *parser) parseTableHints() ([]string, error) {
	if p.isWord("WITH") && p.peekAt(1).IsOp("(") {
		p.next()
	} else if !p.isLegacyHint() {
		return nil, nil
	}
	p.next()
	hints, err := commaList(p, p.anyWord)
	if err != nil {
		return nil, err
	}
	return hints, p.expectOp(")")
}

// isLegacyHint reports a table hint written without WITH: t (NOLOCK).
func (p *parser) isLegacyHint() bool {
	return p.isOp("(") && isTableHint(p.wordAt(1)) && (p.peekAt(2).IsOp(")") || p.peekAt(2).IsOp(","))
}

// isTableHint reports the table hints SQL Server accepts.
func isTableHint(w string) bool {
	switch w {
	case "NOLOCK", "READUNCOMMITTED", "READCOMMITTED", "READCOMMITTEDLOCK", "REPEATABLEREAD",
		"SERIALIZABLE", "HOLDLOCK", "UPDLOCK", "XLOCK", "ROWLOCK", "PAGLOCK", "TABLOCK",
		"TABLOCKX", "READPAST", "NOWAIT", "SNAPSHOT", "FORCESEEK", "FORCESCAN", "NOEXPAND":
		return true
	}
	return false
}
