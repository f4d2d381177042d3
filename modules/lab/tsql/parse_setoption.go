package tsql

import "strings"

// parseSetOption parses the session options: SET NOCOUNT ON, SET
// ANSI_NULLS, QUOTED_IDENTIFIER ON, SET TEXTSIZE n, SET DATEFORMAT mdy, SET
// TRANSACTION ISOLATION LEVEL …, SET IDENTITY_INSERT t ON, SET STATISTICS
// IO ON. Option names are not checked; the executor decides.
func (p *parser) parseSetOption(pos Pos) (Stmt, error) {
	s := &SetOptionStmt{Pos: pos}
	name, err := p.anyWord()
	if err != nil {
		return nil, err
	}
	switch name {
	case "TRANSACTION":
		return s, p.parseIsolation(s)
	case "IDENTITY_INSERT":
		n, err := p.parseName()
		if err != nil {
			return nil, err
		}
		s.Names, s.Table = []string{name}, &n
		s.Value, err = p.oneOfWords("ON", "OFF")
		return s, err
	case "STATISTICS":
		return s, p.parseStatistics(s)
	}
	s.Names = []string{name}
	for p.acceptOp(",") {
		if name, err = p.anyWord(); err != nil {
			return nil, err
		}
		s.Names = append(s.Names, name)
	}
	if len(s.Names) > 1 {
		s.Value, err = p.oneOfWords("ON", "OFF")
		return s, err
	}
	s.Value, err = p.parseSetValue()
	return s, err
}

// parseIsolation parses ISOLATION LEVEL {READ UNCOMMITTED | READ COMMITTED |
// REPEATABLE READ | SNAPSHOT | SERIALIZABLE} after SET TRANSACTION.
func (p *parser) parseIsolation(s *SetOptionStmt) error {
	if err := p.expectWord("ISOLATION", "LEVEL"); err != nil {
		return err
	}
	s.Names = []string{"TRANSACTION ISOLATION LEVEL"}
	w, err := p.oneOfWords("READ", "REPEATABLE", "SNAPSHOT", "SERIALIZABLE")
	if err != nil {
		return err
	}
	s.Value = w
	switch w {
	case "READ":
		w, err = p.oneOfWords("UNCOMMITTED", "COMMITTED")
	case "REPEATABLE":
		w, err = p.oneOfWords("READ")
	default:
		return nil
	}
	s.Value += " " + w
	return err
}

// parseStatistics parses IO | TIME | XML | PROFILE, … ON | OFF after SET
// STATISTICS.
func (p *parser) parseStatistics(s *SetOptionStmt) error {
	for {
		w, err := p.oneOfWords("IO", "TIME", "XML", "PROFILE")
		if err != nil {
			return err
		}
		s.Names = append(s.Names, "STATISTICS "+w)
		if !p.acceptOp(",") {
			break
		}
	}
	var err error
	s.Value, err = p.oneOfWords("ON", "OFF")
	return err
}

// parseSetValue parses the single value of a SET option: ON, OFF, a
// number, a word, a string or a variable.
func (p *parser) parseSetValue() (string, error) {
	t := p.peek()
	switch t.Kind {
	case Integer, String, NString, Variable, Binary:
		p.next()
		return t.Text, nil
	case Ident:
		p.next()
		if v := strings.ToUpper(t.Value); isRegularIdent(v) {
			return v, nil
		}
		return QuoteIdent(t.Value), nil
	case Op:
		if t.Text == "-" && p.peekAt(1).Kind == Integer {
			p.next()
			return "-" + p.next().Text, nil
		}
	}
	return "", p.fail()
}
