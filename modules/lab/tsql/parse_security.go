package tsql

import "strings"

// parsePermission parses GRANT | DENY | REVOKE permission, … [ON
// [class::]securable] TO | FROM principal, … [WITH GRANT OPTION].
func (p *parser) parsePermission() (Stmt, error) {
	s := &PermissionStmt{Pos: p.here(), Action: p.word()}
	p.next()
	var err error
	if s.Permissions, err = p.parsePermissionNames(); err != nil {
		return nil, err
	}
	if p.acceptWord("ON") {
		if err = p.parseSecurable(s); err != nil {
			return nil, err
		}
	}
	if !p.acceptWord("TO") && !(s.Action == "REVOKE" && p.acceptWord("FROM")) {
		return nil, p.fail()
	}
	if s.Principals, err = p.parsePrincipals(); err != nil {
		return nil, err
	}
	if s.Action == "GRANT" && p.acceptWord("WITH") {
		s.GrantOption = true
		err = p.expectWord("GRANT", "OPTION")
	}
	return s, err
}

// parsePermissionNames parses permission [words], … up to ON or TO.
func (p *parser) parsePermissionNames() ([]string, error) {
	return commaList(p, func() (string, error) {
		var ws []string
		for w := p.word(); w != "" && w != "ON" && w != "TO" && w != "FROM"; w = p.word() {
			ws = append(ws, w)
			p.next()
		}
		if len(ws) == 0 {
			return "", p.fail()
		}
		return strings.Join(ws, " "), nil
	})
}

// parseSecurable parses [class::]name after ON.
func (p *parser) parseSecurable(s *PermissionStmt) error {
	if p.peekAt(1).IsOp("::") {
		s.Class, _ = p.anyWord()
		p.next()
	}
	n, err := p.parseName()
	s.On = &n
	return err
}

// parsePrincipals parses principal, …; PUBLIC is accepted.
func (p *parser) parsePrincipals() ([]string, error) {
	return commaList(p, func() (string, error) {
		if p.isWord("PUBLIC") {
			return p.next().Value, nil
		}
		return p.ident()
	})
}

// parseCreateLogin parses CREATE LOGIN name FROM WINDOWS [WITH …] or WITH
// PASSWORD = '…'[, option = value …].
func (p *parser) parseCreateLogin() (Stmt, error) {
	s := &CreateLoginStmt{Pos: p.here()}
	p.pos += 2
	var err error
	if s.Name, err = p.ident(); err != nil {
		return nil, err
	}
	if p.acceptWord("FROM") {
		if !p.isWord("WINDOWS") {
			return nil, p.unsupported(p.peek(), "CREATE LOGIN FROM", p.word())
		}
		p.next()
		s.FromWindows = true
		if !p.acceptWord("WITH") {
			return s, nil
		}
	} else if err = p.expectWord("WITH"); err != nil {
		return nil, err
	}
	s.Options, err = p.parseOptionList()
	return s, err
}

// parseDropLogin parses DROP LOGIN name.
func (p *parser) parseDropLogin() (Stmt, error) {
	s := &DropLoginStmt{Pos: p.here()}
	p.pos += 2
	var err error
	s.Name, err = p.ident()
	return s, err
}
