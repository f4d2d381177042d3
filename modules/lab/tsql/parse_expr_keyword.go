package tsql

// parseKeywordExpr parses the expressions introduced by a keyword: CASE,
// CAST, CONVERT, EXISTS and the niladic functions. ok is false when the
// current word introduces none of them.
func (p *parser) parseKeywordExpr() (e Expr, ok bool, err error) {
	call := p.peekAt(1).IsOp("(")
	switch w := p.word(); {
	case w == "CASE":
		e, err = p.parseCase()
	case (w == "CAST" || w == "TRY_CAST") && call:
		e, err = p.parseCast(w == "TRY_CAST")
	case (w == "CONVERT" || w == "TRY_CONVERT") && call:
		e, err = p.parseConvert(w == "TRY_CONVERT")
	case w == "EXISTS":
		e, err = p.parseExists()
	case isNiladic(w):
		t := p.next()
		e = &FuncCall{Pos: Pos{t.Line}, Name: Name{Parts: []string{w}}, Niladic: true}
	default:
		return nil, false, nil
	}
	return e, true, err
}

// isNiladic reports the functions SQL Server calls without parentheses.
func isNiladic(w string) bool {
	switch w {
	case "CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "USER":
		return true
	}
	return false
}

func (p *parser) parseCase() (Expr, error) {
	e := &CaseExpr{Pos: p.here()}
	p.next()
	var err error
	if !p.isWord("WHEN") {
		if e.Operand, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	for p.acceptWord("WHEN") {
		var w When
		if w.Cond, err = p.parseExpr(); err != nil {
			return nil, err
		}
		if err = p.expectWord("THEN"); err != nil {
			return nil, err
		}
		if w.Result, err = p.parseExpr(); err != nil {
			return nil, err
		}
		e.Whens = append(e.Whens, w)
	}
	if len(e.Whens) == 0 {
		return nil, p.fail()
	}
	if p.acceptWord("ELSE") {
		if e.Else, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	return e, p.expectWord("END")
}

func (p *parser) parseCast(try bool) (Expr, error) {
	e := &CastExpr{Pos: p.here(), Try: try}
	p.next()
	p.next()
	var err error
	if e.X, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if err = p.expectWord("AS"); err != nil {
		return nil, err
	}
	if e.Type, err = p.parseType(); err != nil {
		return nil, err
	}
	return e, p.expectOp(")")
}

func (p *parser) parseConvert(try bool) (Expr, error) {
	e := &ConvertExpr{Pos: p.here(), Try: try}
	p.next()
	p.next()
	var err error
	if e.Type, err = p.parseType(); err != nil {
		return nil, err
	}
	if err = p.expectOp(","); err != nil {
		return nil, err
	}
	if e.X, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if p.acceptOp(",") {
		if e.Style, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	return e, p.expectOp(")")
}

func (p *parser) parseExists() (Expr, error) {
	pos := p.here()
	p.next()
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	q, err := p.parseSelect()
	if err != nil {
		return nil, err
	}
	return &ExistsExpr{Pos: pos, Query: q}, p.expectOp(")")
}
