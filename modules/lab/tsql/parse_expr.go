package tsql

import "strings"

// parseExpr parses a full expression: OR is the loosest operator.
func (p *parser) parseExpr() (Expr, error) {
	return p.parseBinary(precOr)
}

// parseBinary parses left-associative binary operators of precedence prec
// and tighter, by precedence climbing over the levels below NOT.
func (p *parser) parseBinary(prec int) (Expr, error) {
	if prec == precNot {
		return p.parseNot()
	}
	if prec == precCompare {
		return p.parsePredicate()
	}
	if prec == precUnary {
		return p.parseUnary()
	}
	left, err := p.parseBinary(prec + 1)
	if err != nil {
		return nil, err
	}
	for {
		op, ok := p.binaryOpAt(prec)
		if !ok {
			return left, nil
		}
		pos := p.here()
		p.next()
		right, err := p.parseBinary(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &BinaryExpr{Pos: pos, Op: op, L: left, R: right}
	}
}

// binaryOpAt returns the current token as a binary operator of precedence
// prec, if it is one.
func (p *parser) binaryOpAt(prec int) (string, bool) {
	t := p.peek()
	switch {
	case t.IsWord("OR") && prec == precOr:
		return "OR", true
	case t.IsWord("AND") && prec == precAnd:
		return "AND", true
	case t.Kind == Op && !isCompareOp(t.Text) && binaryPrec(t.Text) == prec:
		return t.Text, true
	}
	return "", false
}

func (p *parser) parseNot() (Expr, error) {
	if !p.isWord("NOT") {
		return p.parseBinary(precCompare)
	}
	pos := p.here()
	p.next()
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &UnaryExpr{Pos: pos, Op: "NOT", X: x}, nil
}

// parsePredicate parses one comparison or IS / IN / LIKE / BETWEEN test;
// like SQL Server it does not chain comparisons.
func (p *parser) parsePredicate() (Expr, error) {
	left, err := p.parseBinary(precAdd)
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.Kind == Op && isCompareOp(t.Text) {
		p.next()
		right, err := p.parseBinary(precAdd)
		if err != nil {
			return nil, err
		}
		return &BinaryExpr{Pos: Pos{t.Line}, Op: t.Text, L: left, R: right}, nil
	}
	return p.parseTest(left)
}

// parseTest parses the IS, IN, LIKE and BETWEEN forms after x.
func (p *parser) parseTest(x Expr) (Expr, error) {
	pos := p.here()
	if p.acceptWord("IS") {
		not := p.acceptWord("NOT")
		return &IsNullExpr{Pos: pos, X: x, Not: not}, p.expectWord("NULL")
	}
	not := false
	if p.isWord("NOT") && isTestWord(p.wordAt(1)) {
		p.next()
		not = true
	}
	switch p.word() {
	case "IN":
		return p.parseIn(pos, x, not)
	case "LIKE":
		return p.parseLike(pos, x, not)
	case "BETWEEN":
		return p.parseBetween(pos, x, not)
	}
	if not {
		return nil, p.fail()
	}
	return x, nil
}

func isTestWord(w string) bool { return w == "IN" || w == "LIKE" || w == "BETWEEN" }

func (p *parser) parseIn(pos Pos, x Expr, not bool) (Expr, error) {
	p.next()
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	e := &InExpr{Pos: pos, X: x, Not: not}
	var err error
	if p.isWord("SELECT") {
		e.Query, err = p.parseSelect()
	} else {
		e.List, err = p.parseExprList()
	}
	if err != nil {
		return nil, err
	}
	return e, p.expectOp(")")
}

func (p *parser) parseLike(pos Pos, x Expr, not bool) (Expr, error) {
	p.next()
	pat, err := p.parseBinary(precAdd)
	if err != nil {
		return nil, err
	}
	e := &LikeExpr{Pos: pos, X: x, Pattern: pat, Not: not}
	if p.acceptWord("ESCAPE") {
		e.Escape, err = p.parseBinary(precAdd)
	}
	return e, err
}

func (p *parser) parseBetween(pos Pos, x Expr, not bool) (Expr, error) {
	p.next()
	lo, err := p.parseBinary(precAdd)
	if err != nil {
		return nil, err
	}
	if err := p.expectWord("AND"); err != nil {
		return nil, err
	}
	hi, err := p.parseBinary(precAdd)
	if err != nil {
		return nil, err
	}
	return &BetweenExpr{Pos: pos, X: x, Low: lo, High: hi, Not: not}, nil
}

func (p *parser) parseUnary() (Expr, error) {
	t := p.peek()
	if t.IsOp("-") || t.IsOp("+") || t.IsOp("~") {
		p.next()
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &UnaryExpr{Pos: Pos{t.Line}, Op: t.Text, X: x}, nil
	}
	return p.parsePrimary()
}

// parseExprList parses expr, expr, ….
func (p *parser) parseExprList() ([]Expr, error) { return commaList(p, p.parseExpr) }

// parseLiteral parses the current token when it is a literal, NULL, a
// variable or a system variable; ok is false otherwise.
func (p *parser) parseLiteral() (e Expr, ok bool) {
	t := p.peek()
	pos := Pos{t.Line}
	switch {
	case t.Kind == Integer || t.Kind == Decimal || t.Kind == Float:
		e = &NumberLit{Pos: pos, Kind: t.Kind, Text: t.Text}
	case t.Kind == String || t.Kind == NString:
		e = &StringLit{Pos: pos, Value: t.Value, National: t.Kind == NString}
	case t.Kind == Binary:
		e = &BinaryLit{Pos: pos, Text: t.Text}
	case t.Kind == Variable:
		e = &VarRef{Pos: pos, Name: t.Text}
	case t.Kind == SysVar:
		e = &SysVarRef{Pos: pos, Name: t.Text}
	case t.IsWord("NULL"):
		e = &NullLit{Pos: pos}
	default:
		return nil, false
	}
	p.next()
	return e, true
}

func (p *parser) parsePrimary() (Expr, error) {
	if e, ok := p.parseLiteral(); ok {
		return e, nil
	}
	t := p.peek()
	switch {
	case t.IsOp("("):
		return p.parseParen()
	case t.Kind != Ident:
		return nil, p.fail()
	}
	if e, ok, err := p.parseKeywordExpr(); ok {
		return e, err
	}
	if !isIdentToken(t) && !(isReservedFunc(t) && p.peekAt(1).IsOp("(")) {
		return nil, p.fail()
	}
	return p.parseNameExpr()
}

// isReservedFunc reports reserved words that are also function names.
func isReservedFunc(t Token) bool {
	switch strings.ToUpper(t.Value) {
	case "LEFT", "RIGHT", "COALESCE", "NULLIF":
		return !t.Quoted
	}
	return false
}

// parseParen parses ( expr ) or a scalar subquery.
func (p *parser) parseParen() (Expr, error) {
	pos := p.here()
	p.next()
	if p.isWord("SELECT") {
		q, err := p.parseSelect()
		if err != nil {
			return nil, err
		}
		return &SubqueryExpr{Pos: pos, Query: q}, p.expectOp(")")
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return e, p.expectOp(")")
}

// parseNameExpr parses a column reference or a function call.
func (p *parser) parseNameExpr() (Expr, error) {
	pos := p.here()
	var n Name
	if isReservedFunc(p.peek()) {
		n = Name{Parts: []string{strings.ToUpper(p.next().Value)}}
	} else {
		var err error
		if n, err = p.parseName(); err != nil {
			return nil, err
		}
	}
	if !p.isOp("(") {
		return &ColumnRef{Pos: pos, Name: n}, nil
	}
	return p.parseCall(pos, n)
}

// parseCall parses the argument list of a function call.
func (p *parser) parseCall(pos Pos, n Name) (Expr, error) {
	p.next()
	f := &FuncCall{Pos: pos, Name: n}
	if p.acceptOp(")") {
		return f, nil
	}
	f.Distinct = p.acceptWord("DISTINCT")
	if !f.Distinct {
		p.acceptWord("ALL")
	}
	if p.isOp("*") {
		f.Args = []Expr{&StarExpr{Pos: p.here()}}
		p.next()
		return f, p.expectOp(")")
	}
	args, err := p.parseExprList()
	if err != nil {
		return nil, err
	}
	f.Args = args
	return f, p.expectOp(")")
}
