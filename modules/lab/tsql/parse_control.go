package tsql

func (p *parser) parseIf() (Stmt, error) {
	s := &IfStmt{Pos: p.here()}
	p.next()
	var err error
	if s.Cond, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if s.Then, err = p.parseBody(); err != nil {
		return nil, err
	}
	if p.isOp(";") && p.peekAt(1).IsWord("ELSE") {
		p.next()
	}
	if p.acceptWord("ELSE") {
		s.Else, err = p.parseBody()
	}
	return s, err
}

func (p *parser) parseWhile() (Stmt, error) {
	s := &WhileStmt{Pos: p.here()}
	p.next()
	var err error
	if s.Cond, err = p.parseExpr(); err != nil {
		return nil, err
	}
	s.Body, err = p.parseBody()
	return s, err
}

// parseBody parses the statement governed by IF, ELSE or WHILE.
func (p *parser) parseBody() (Stmt, error) {
	if p.peek().Kind == EOF || p.isOp(";") {
		return nil, p.fail()
	}
	return p.parseStmt(false)
}

// parseBegin parses BEGIN TRAN, BEGIN TRY … END CATCH or a BEGIN … END block.
func (p *parser) parseBegin() (Stmt, error) {
	t := p.peek()
	switch p.wordAt(1) {
	case "TRAN", "TRANSACTION":
		return p.parseBeginTran()
	case "TRY":
		return p.parseTryCatch()
	case "DISTRIBUTED", "DIALOG", "CONVERSATION", "ATOMIC":
		return nil, p.unsupported(t, "BEGIN", p.wordAt(1))
	}
	p.next()
	stmts, err := p.parseStmtsUntil("END")
	return &BlockStmt{Pos: Pos{t.Line}, Stmts: stmts}, err
}

// parseStmtsUntil parses statements up to and including END [suffix].
func (p *parser) parseStmtsUntil(suffix ...string) ([]Stmt, error) {
	var out []Stmt
	for {
		for p.acceptOp(";") {
		}
		if p.isWord("END") {
			return out, p.expectWord(suffix...)
		}
		if p.peek().Kind == EOF {
			return nil, p.fail()
		}
		s, err := p.parseStmt(false)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

func (p *parser) parseTryCatch() (Stmt, error) {
	s := &TryCatchStmt{Pos: p.here()}
	p.next()
	p.next()
	var err error
	if s.Try, err = p.parseStmtsUntil("END", "TRY"); err != nil {
		return nil, err
	}
	for p.acceptOp(";") {
	}
	if err = p.expectWord("BEGIN", "CATCH"); err != nil {
		return nil, err
	}
	s.Catch, err = p.parseStmtsUntil("END", "CATCH")
	return s, err
}

// parseFlow parses BREAK, CONTINUE, RETURN, THROW and RAISERROR.
func (p *parser) parseFlow() (Stmt, error) {
	pos, w := p.here(), p.word()
	p.next()
	switch w {
	case "BREAK":
		return &BreakStmt{Pos: pos}, nil
	case "CONTINUE":
		return &ContinueStmt{Pos: pos}, nil
	case "RETURN":
		return p.parseReturn(pos)
	case "THROW":
		return p.parseThrow(pos)
	}
	return p.parseRaiserror(pos)
}

// startsValue reports whether the current token can begin an optional
// trailing expression (RETURN value, THROW arguments).
func (p *parser) startsValue() bool {
	t := p.peek()
	switch t.Kind {
	case Integer, Decimal, Float, String, NString, Binary, Variable, SysVar:
		return true
	case Op:
		return t.Text == "(" || t.Text == "-" || t.Text == "+" || t.Text == "~"
	case Ident:
		return t.IsWord("CASE") || t.IsWord("NULL") || (isIdentToken(t) && p.peekAt(1).IsOp("("))
	}
	return false
}

func (p *parser) parseReturn(pos Pos) (Stmt, error) {
	s := &ReturnStmt{Pos: pos}
	if !p.startsValue() {
		return s, nil
	}
	var err error
	s.Value, err = p.parseExpr()
	return s, err
}

func (p *parser) parseThrow(pos Pos) (Stmt, error) {
	s := &ThrowStmt{Pos: pos}
	if !p.startsValue() {
		return s, nil
	}
	args, err := p.parseExprList()
	if err != nil {
		return nil, err
	}
	if len(args) != 3 {
		return nil, p.fail()
	}
	s.Number, s.Message, s.State = args[0], args[1], args[2]
	return s, nil
}

func (p *parser) parseRaiserror(pos Pos) (Stmt, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	args, err := p.parseExprList()
	if err != nil {
		return nil, err
	}
	if len(args) < 3 {
		return nil, p.fail()
	}
	if err := p.expectOp(")"); err != nil {
		return nil, err
	}
	s := &RaiserrorStmt{Pos: pos, Message: args[0], Severity: args[1], State: args[2], Args: args[3:]}
	if p.acceptWord("WITH") {
		s.Options, err = p.parseWordList("LOG", "NOWAIT", "SETERROR")
	}
	return s, err
}

// parseWordList parses word, word, … where each word is one of choices.
func (p *parser) parseWordList(choices ...string) ([]string, error) {
	return commaList(p, func() (string, error) { return p.oneOfWords(choices...) })
}
