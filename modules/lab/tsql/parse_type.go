package tsql

import (
	"strconv"
	"strings"
)

// parseType parses a data type: name [(n | max [, s])]. A schema prefix
// (sys.sysname) is dropped.
func (p *parser) parseType() (TypeName, error) {
	t := TypeName{Pos: p.here()}
	n, err := p.parseName()
	if err != nil {
		return t, err
	}
	t.Name = strings.ToLower(n.Object())
	if !p.acceptOp("(") {
		return t, nil
	}
	if err := p.parseTypeArgs(&t); err != nil {
		return t, err
	}
	return t, p.expectOp(")")
}

// parseTypeArgs fills in the one or two parenthesized type arguments.
func (p *parser) parseTypeArgs(t *TypeName) error {
	if p.acceptWord("MAX") {
		t.Params, t.Length = 1, -1
		return nil
	}
	first, err := p.typeArg()
	if err != nil {
		return err
	}
	if p.acceptOp(",") {
		second, err := p.typeArg()
		t.Params, t.Precision, t.Scale = 2, first, second
		return err
	}
	t.Params = 1
	switch {
	case typeTakesLength(t.Name):
		t.Length = first
	case typeTakesScaleOnly(t.Name):
		t.Scale = first
	default:
		t.Precision = first
	}
	return nil
}

// typeArg consumes an integer type argument.
func (p *parser) typeArg() (int, error) {
	t := p.peek()
	if t.Kind != Integer {
		return 0, p.fail()
	}
	n, err := strconv.Atoi(t.Text)
	if err != nil || n > 1<<30 {
		return 0, errNear(t)
	}
	p.next()
	return n, nil
}
