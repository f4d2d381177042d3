package tsql

import "strings"

// parseCreateDatabase parses CREATE DATABASE name [ON [PRIMARY] (…), …]
// [LOG ON (…), …] [COLLATE name].
func (p *parser) parseCreateDatabase() (Stmt, error) {
	s := &CreateDatabaseStmt{Pos: p.here()}
	p.pos += 2
	var err error
	if s.Name, err = p.ident(); err != nil {
		return nil, err
	}
	if p.acceptWord("ON") {
		if s.Files, err = p.parseFileSpecs(true); err != nil {
			return nil, err
		}
	}
	if p.isWord("LOG") && p.peekAt(1).IsWord("ON") {
		p.pos += 2
		if s.LogFiles, err = p.parseFileSpecs(false); err != nil {
			return nil, err
		}
	}
	if p.acceptWord("COLLATE") {
		if s.Collate, err = p.ident(); err != nil {
			return nil, err
		}
	}
	if p.isWord("FOR") || p.isWord("WITH") || p.isWord("AS") {
		return nil, p.unsupported(p.peek(), "CREATE DATABASE …", p.word())
	}
	return s, nil
}

// parseFileSpecs parses [PRIMARY] (spec), (spec), ….
func (p *parser) parseFileSpecs(allowPrimary bool) ([]FileSpec, error) {
	var out []FileSpec
	for {
		f := FileSpec{Pos: p.here()}
		if allowPrimary && len(out) == 0 {
			f.Primary = p.acceptWord("PRIMARY")
		}
		if p.isWord("FILEGROUP") {
			return nil, p.unsupported(p.peek(), "CREATE DATABASE … FILEGROUP")
		}
		opts, err := p.parseFileOptions()
		if err != nil {
			return nil, err
		}
		f.Options = opts
		out = append(out, f)
		if !p.isOp(",") || !p.peekAt(1).IsOp("(") {
			return out, nil
		}
		p.next()
	}
}

// parseFileOptions parses ( NAME = …, FILENAME = '…', SIZE = 10MB, … ).
func (p *parser) parseFileOptions() ([]Option, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	out, err := p.parseOptionList("NAME", "NEWNAME", "FILENAME", "SIZE", "MAXSIZE", "FILEGROWTH")
	if err != nil {
		return nil, err
	}
	return out, p.expectOp(")")
}

// parseOptionList parses NAME = value, …; with choices, each name must be
// one of them.
func (p *parser) parseOptionList(choices ...string) ([]Option, error) {
	return commaList(p, func() (Option, error) {
		o := Option{Pos: p.here()}
		var err error
		if len(choices) > 0 {
			o.Name, err = p.oneOfWords(choices...)
		} else {
			o.Name, err = p.anyWord()
		}
		if err != nil {
			return o, err
		}
		if err = p.expectOp("="); err != nil {
			return o, err
		}
		o.Value, err = p.parseOptionValue()
		return o, err
	})
}

// parseOptionValue parses an option value: a literal or variable, a size
// with a unit (10MB, 10 %), or a bare word (UNLIMITED, OFF, a logical
// file name).
func (p *parser) parseOptionValue() (Expr, error) {
	t := p.peek()
	switch {
	case t.Kind == Integer && (isSizeUnit(p.wordAt(1)) || p.peekAt(1).IsOp("%")):
		p.next()
		unit := p.next()
		return &WordLit{Pos: Pos{t.Line}, Text: t.Text + strings.ToUpper(unit.Text)}, nil
	case t.Kind == Ident && !t.Quoted && !t.IsWord("NULL") && !t.IsWord("DEFAULT"):
		p.next()
		return &WordLit{Pos: Pos{t.Line}, Text: t.Value}, nil
	case t.Kind == Ident:
		p.next()
		return &StringLit{Pos: Pos{t.Line}, Value: t.Value, National: true}, nil
	}
	return p.parseSignedLiteral()
}

func isSizeUnit(w string) bool { return w == "KB" || w == "MB" || w == "GB" || w == "TB" }

// parseDropDatabase parses DROP DATABASE [IF EXISTS] name, ….
func (p *parser) parseDropDatabase() (Stmt, error) {
	s := &DropDatabaseStmt{Pos: p.here()}
	p.pos += 2
	s.IfExists = p.parseIfExists()
	var err error
	s.Names, err = commaList(p, p.ident)
	return s, err
}
