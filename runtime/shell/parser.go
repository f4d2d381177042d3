package shell

import (
	"fmt"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Element is one word of a command after its name: a -Parameter or a value.
type Element struct {
	Param   string // parameter name without '-', "" for a value
	Colon   bool   // -Name:value form; Value holds the value
	Value   any
	IsValue bool // Value is set
	Pos     int
}

// Call is one command of a pipeline.
type Call struct {
	Name  string
	Elems []Element
	Pos   int
}

// Pipeline is commands joined by '|'.
type Pipeline struct {
	Calls []*Call
}

// Parse parses a command line into pipelines separated by ';' or newlines.
func Parse(src string) ([]*Pipeline, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	return p.script()
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) take() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) script() ([]*Pipeline, error) {
	var out []*Pipeline
	for p.peek().kind != tokEOF {
		if p.peek().kind == tokSemi {
			p.take()
			continue
		}
		pl, err := p.pipeline()
		if err != nil {
			return nil, err
		}
		out = append(out, pl)
	}
	return out, nil
}

func (p *parser) pipeline() (*Pipeline, error) {
	pl := &Pipeline{}
	for {
		c, err := p.call()
		if err != nil {
			return nil, err
		}
		pl.Calls = append(pl.Calls, c)
		if p.peek().kind != tokPipe {
			return pl, nil
		}
		p.take()
	}
}

func (p *parser) call() (*Call, error) {
	t := p.take()
	if t.kind != tokWord && t.kind != tokString || t.text == "" {
		return nil, &SyntaxError{t.pos, "expected a command name"}
	}
	c := &Call{Name: t.text, Pos: t.pos}
	for {
		switch p.peek().kind {
		case tokEOF, tokPipe, tokSemi:
			return c, nil
		case tokParam:
			e, err := p.paramElem()
			if err != nil {
				return nil, err
			}
			c.Elems = append(c.Elems, e)
		default:
			pos := p.peek().pos
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			c.Elems = append(c.Elems, Element{Value: v, IsValue: true, Pos: pos})
		}
	}
}

func (p *parser) paramElem() (Element, error) {
	t := p.take()
	e := Element{Param: t.text, Colon: t.colon, Pos: t.pos}
	if t.colon {
		v, err := p.value()
		if err != nil {
			return e, err
		}
		e.Value, e.IsValue = v, true
	}
	return e, nil
}

// value parses a scalar or a comma list of scalars (an array).
func (p *parser) value() (any, error) {
	first, err := p.scalar()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tokComma {
		return first, nil
	}
	items := []any{first}
	for p.peek().kind == tokComma {
		p.take()
		v, err := p.scalar()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	return items, nil
}

func (p *parser) scalar() (any, error) {
	t := p.take()
	switch t.kind {
	case tokString:
		return t.text, nil
	case tokWord:
		return wordValue(t.text), nil
	case tokArrayOpen:
		return p.array()
	case tokHashOpen:
		return p.hashtable()
	case tokParam:
		// a negative number or a dash-word used as a value: -5
		return wordValue("-" + t.text), nil
	}
	return nil, &SyntaxError{t.pos, fmt.Sprintf("expected a value, got %s", describeTok(t))}
}

func describeTok(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of line"
	case tokPipe:
		return "'|'"
	case tokComma:
		return "','"
	case tokClose:
		return "'" + t.text + "'"
	}
	return fmt.Sprintf("%q", t.text)
}

// wordValue turns a bare word into a number, $true/$false/$null, or a
// string.
func wordValue(w string) any {
	switch strings.ToLower(w) {
	case "$true":
		return true
	case "$false":
		return false
	case "$null":
		return nil
	}
	if n, err := strconv.ParseInt(w, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil && strings.ContainsAny(w, ".eE") && !strings.ContainsAny(w, "xX") {
		return f
	}
	return w
}

func (p *parser) array() (any, error) {
	items := []any{}
	for p.peek().kind != tokClose {
		if p.peek().kind == tokEOF {
			return nil, &SyntaxError{p.peek().pos, "missing ')' in @() array"}
		}
		if p.peek().kind == tokComma || p.peek().kind == tokSemi {
			p.take()
			continue
		}
		v, err := p.scalar()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	p.take()
	return items, nil
}

func (p *parser) hashtable() (any, error) {
	h := &cmdlet.Hashtable{}
	for {
		switch p.peek().kind {
		case tokClose:
			p.take()
			return h, nil
		case tokSemi:
			p.take()
			continue
		case tokEOF:
			return nil, &SyntaxError{p.peek().pos, "missing '}' in @{} hashtable"}
		}
		if err := p.entry(h); err != nil {
			return nil, err
		}
	}
}

func (p *parser) entry(h *cmdlet.Hashtable) error {
	k := p.take()
	if k.kind != tokWord && k.kind != tokString {
		return &SyntaxError{k.pos, "expected a hashtable key"}
	}
	if t := p.take(); t.kind != tokEquals {
		return &SyntaxError{t.pos, fmt.Sprintf("missing '=' after key '%s' in hashtable", k.text)}
	}
	v, err := p.value()
	if err != nil {
		return err
	}
	h.Set(k.text, v)
	return nil
}
