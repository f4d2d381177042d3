package tsql

// parseExec parses EXEC[UTE] [@ret =] proc args [WITH RECOMPILE] and
// EXEC (string expression).
func (p *parser) parseExec() (Stmt, error) {
	s := &ExecStmt{Pos: p.here()}
	p.next()
	if p.acceptOp("(") {
		return p.parseExecDynamic(s)
	}
	if p.isWord("AS") {
		return nil, p.unsupported(p.peek(), "EXECUTE AS")
	}
	if t := p.peek(); t.Kind == Variable && p.peekAt(1).IsOp("=") {
		s.ReturnVar = t.Text
		p.next()
		p.next()
	}
	if t := p.peek(); t.Kind == Variable {
		s.ProcVar = t.Text
		p.next()
		return s, p.parseExecArgs(s)
	}
	return s, p.parseExecCall(s)
}

// parseExecDynamic parses the rest of EXEC ( expr ).
func (p *parser) parseExecDynamic(s *ExecStmt) (Stmt, error) {
	var err error
	if s.Dynamic, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if err = p.expectOp(")"); err != nil {
		return nil, err
	}
	if p.isWord("AS") || p.isWord("AT") {
		return nil, p.unsupported(p.peek(), "EXEC (…)", p.word())
	}
	return s, nil
}

// parseExecCall parses a procedure name and its arguments.
func (p *parser) parseExecCall(s *ExecStmt) error {
	var err error
	if s.Proc, err = p.parseName(); err != nil {
		return err
	}
	return p.parseExecArgs(s)
}

// parseExecArgs parses the optional argument list and WITH RECOMPILE.
func (p *parser) parseExecArgs(s *ExecStmt) error {
	if p.startsExecArg() {
		var err error
		if s.Args, err = commaList(p, p.parseExecArg); err != nil {
			return err
		}
	}
	if p.acceptWord("WITH") {
		opts, err := p.parseWordList("RECOMPILE")
		s.Options = opts
		return err
	}
	return nil
}

// startsExecArg reports whether an argument follows the procedure name.
func (p *parser) startsExecArg() bool {
	t := p.peek()
	switch t.Kind {
	case Integer, Decimal, Float, String, NString, Binary, Variable:
		return true
	case Op:
		return t.Text == "-" || t.Text == "+"
	case Ident:
		return isIdentToken(t) || t.IsWord("NULL") || t.IsWord("DEFAULT")
	}
	return false
}

// parseExecArg parses [@name =] value [OUTPUT | OUT].
func (p *parser) parseExecArg() (ExecArg, error) {
	a := ExecArg{Pos: p.here()}
	if t := p.peek(); t.Kind == Variable && p.peekAt(1).IsOp("=") {
		a.Name = t.Text
		p.next()
		p.next()
	}
	var err error
	if a.Value, err = p.parseArgValue(); err != nil {
		return a, err
	}
	a.Output = p.acceptWord("OUTPUT") || p.acceptWord("OUT")
	return a, nil
}

// parseArgValue parses a procedure argument value: a literal, a signed
// number, a variable, NULL, DEFAULT or a bare word taken as a string.
func (p *parser) parseArgValue() (Expr, error) {
	t := p.peek()
	switch {
	case t.IsWord("DEFAULT"):
		p.next()
		return &DefaultExpr{Pos: Pos{t.Line}}, nil
	case t.Kind == SysVar:
		return nil, p.fail()
	case isIdentToken(t):
		p.next()
		return &StringLit{Pos: Pos{t.Line}, Value: t.Value, National: true}, nil
	}
	return p.parseSignedLiteral()
}

// parseSignedLiteral parses a literal, variable or NULL, with an optional
// sign before a number.
func (p *parser) parseSignedLiteral() (Expr, error) {
	t := p.peek()
	if (t.IsOp("-") || t.IsOp("+")) && isNumberKind(p.peekAt(1).Kind) {
		p.next()
		x, _ := p.parseLiteral()
		return &UnaryExpr{Pos: Pos{t.Line}, Op: t.Text, X: x}, nil
	}
	if e, ok := p.parseLiteral(); ok {
		return e, nil
	}
	return nil, p.fail()
}

func isNumberKind(k Kind) bool { return k == Integer || k == Decimal || k == Float }
