package tsql

import "strings"

// Parse parses one batch. It returns a *SyntaxError with SQL Server's
// number and text when the batch is malformed, and an *UnsupportedError
// when it holds a statement the lab does not implement.
func Parse(sql string) (*Batch, error) {
	p, err := newParser(sql)
	if err != nil {
		return nil, err
	}
	b := &Batch{}
	for {
		for p.acceptOp(";") {
		}
		if p.peek().Kind == EOF {
			return b, nil
		}
		s, err := p.parseStmt(len(b.Stmts) == 0)
		if err != nil {
			return nil, err
		}
		b.Stmts = append(b.Stmts, s)
	}
}

// ParseExpr parses a single expression, such as a computed default or a
// filter given by a caller.
func ParseExpr(sql string) (Expr, error) {
	p, err := newParser(sql)
	if err != nil {
		return nil, err
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if p.peek().Kind != EOF {
		return nil, p.fail()
	}
	return e, nil
}

// parser is a cursor over the tokens of one batch.
type parser struct {
	toks []Token
	pos  int
}

func newParser(sql string) (*parser, error) {
	toks, err := Lex(sql)
	if err != nil {
		return nil, err
	}
	return &parser{toks: toks}, nil
}

// peek returns the current token.
func (p *parser) peek() Token { return p.toks[p.pos] }

// peekAt returns the token n places ahead, or EOF.
func (p *parser) peekAt(n int) Token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

// next consumes and returns the current token; EOF is never consumed.
func (p *parser) next() Token {
	t := p.toks[p.pos]
	if t.Kind != EOF {
		p.pos++
	}
	return t
}

// pos0 returns the position of the current token.
func (p *parser) here() Pos { return Pos{Line: p.peek().Line} }

func (p *parser) isWord(w string) bool { return p.peek().IsWord(w) }

func (p *parser) isOp(op string) bool { return p.peek().IsOp(op) }

func (p *parser) acceptWord(w string) bool {
	if p.isWord(w) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptOp(op string) bool {
	if p.isOp(op) {
		p.next()
		return true
	}
	return false
}

// expectWord consumes the keywords ws in order.
func (p *parser) expectWord(ws ...string) error {
	for _, w := range ws {
		if !p.acceptWord(w) {
			return p.fail()
		}
	}
	return nil
}

func (p *parser) expectOp(op string) error {
	if !p.acceptOp(op) {
		return p.fail()
	}
	return nil
}

// fail reports a syntax error near the current token, or near the last
// one at the end of the batch, as SQL Server does.
func (p *parser) fail() error {
	t := p.peek()
	if t.Kind == EOF && p.pos > 0 {
		t = p.toks[p.pos-1]
	}
	return errNear(t)
}

// unsupported reports a statement the lab does not implement.
func (p *parser) unsupported(t Token, what ...string) error {
	return &UnsupportedError{Statement: strings.ToUpper(strings.Join(what, " ")), Line: t.Line}
}

// word returns the upper-cased current token when it is an undelimited
// identifier (reserved or not), else "".
func (p *parser) word() string { return p.wordAt(0) }

func (p *parser) wordAt(n int) string {
	t := p.peekAt(n)
	if t.Kind != Ident || t.Quoted {
		return ""
	}
	return strings.ToUpper(t.Value)
}

// anyWord consumes an undelimited word, reserved or not, and returns it
// upper-cased.
func (p *parser) anyWord() (string, error) {
	w := p.word()
	if w == "" {
		return "", p.fail()
	}
	p.next()
	return w, nil
}

// oneOfWords consumes a word that must be one of choices.
func (p *parser) oneOfWords(choices ...string) (string, error) {
	w := p.word()
	for _, c := range choices {
		if w == c {
			p.next()
			return w, nil
		}
	}
	return "", p.fail()
}

// isIdent reports whether the current token can be an identifier: a
// delimited one, or an undelimited non-reserved word.
func (p *parser) isIdent() bool { return isIdentToken(p.peek()) }

func isIdentToken(t Token) bool { return t.Kind == Ident && (t.Quoted || !isReserved(t.Value)) }

// ident consumes an identifier.
func (p *parser) ident() (string, error) {
	if !p.isIdent() {
		return "", p.fail()
	}
	return p.next().Value, nil
}

// parseName parses a multi-part name of up to four parts; db..obj leaves
// an empty middle part.
func (p *parser) parseName() (Name, error) {
	first, err := p.ident()
	if err != nil {
		return Name{}, err
	}
	n := Name{Parts: []string{first}}
	for len(n.Parts) < 4 && p.isOp(".") && !p.peekAt(1).IsOp("*") {
		p.next()
		if p.isOp(".") {
			n.Parts = append(n.Parts, "")
			continue
		}
		part, err := p.ident()
		if err != nil {
			return Name{}, err
		}
		n.Parts = append(n.Parts, part)
	}
	return n, nil
}

// parseIdentList parses ( ident, … ).
func (p *parser) parseIdentList() ([]string, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	out, err := commaList(p, p.ident)
	if err != nil {
		return nil, err
	}
	return out, p.expectOp(")")
}

// commaList parses one or more items separated by commas.
func commaList[T any](p *parser, item func() (T, error)) ([]T, error) {
	var out []T
	for {
		v, err := item()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}
