package tsql

import "strings"

// parseEndpoint parses CREATE | ALTER ENDPOINT name [AUTHORIZATION login]
// [STATE = …] [AS TCP (…)] [FOR DATABASE_MIRRORING (…)] and DROP ENDPOINT
// name.
func (p *parser) parseEndpoint() (Stmt, error) {
	s := &EndpointStmt{Pos: p.here(), Action: p.word()}
	p.pos += 2
	var err error
	if s.Name, err = p.ident(); err != nil || s.Action == "DROP" {
		return s, err
	}
	if p.acceptWord("AUTHORIZATION") {
		if s.Authorization, err = p.ident(); err != nil {
			return nil, err
		}
	}
	if p.acceptWord("STATE") {
		if err = p.expectOp("="); err != nil {
			return nil, err
		}
		if s.State, err = p.oneOfWords("STARTED", "STOPPED", "DISABLED"); err != nil {
			return nil, err
		}
	}
	return s, p.parseEndpointBody(s)
}

// parseEndpointBody parses the AS TCP and FOR DATABASE_MIRRORING parts;
// CREATE requires both.
func (p *parser) parseEndpointBody(s *EndpointStmt) error {
	var err error
	if p.acceptWord("AS") {
		if !p.isWord("TCP") {
			return p.unsupported(p.peek(), "ENDPOINT AS", p.word())
		}
		p.next()
		if s.TCP, err = p.parseTCPOptions(); err != nil {
			return err
		}
	} else if s.Action == "CREATE" {
		return p.fail()
	}
	if p.acceptWord("FOR") {
		if !p.isWord("DATABASE_MIRRORING") {
			return p.unsupported(p.peek(), "ENDPOINT FOR", p.word())
		}
		p.next()
		s.Mirroring, err = p.parseMirroringOptions()
	} else if s.Action == "CREATE" {
		return p.fail()
	}
	return err
}

// parseTCPOptions parses (LISTENER_PORT = n [[,] LISTENER_IP = ALL | (…)]).
func (p *parser) parseTCPOptions() (*TCPOptions, error) {
	o := &TCPOptions{}
	return o, p.parseEndpointArgs(func(name string) error {
		var err error
		switch name {
		case "LISTENER_PORT":
			o.Port, err = p.parseSignedLiteral()
		case "LISTENER_IP":
			o.ListenerIP, err = p.parseListenerIP()
		default:
			p.pos--
			err = p.fail()
		}
		return err
	})
}

// parseEndpointArgs parses ( NAME = value [[,] NAME = value …] ), calling
// arg after each NAME = to parse the value.
func (p *parser) parseEndpointArgs(arg func(name string) error) error {
	if err := p.expectOp("("); err != nil {
		return err
	}
	for {
		name, err := p.anyWord()
		if err != nil {
			return err
		}
		if err = p.expectOp("="); err != nil {
			return err
		}
		if err = arg(name); err != nil {
			return err
		}
		p.acceptOp(",")
		if p.acceptOp(")") {
			return nil
		}
	}
}

// parseListenerIP parses ALL, (a.b.c.d) or ('ipv6') and returns ALL or the
// address text.
func (p *parser) parseListenerIP() (string, error) {
	if p.acceptWord("ALL") {
		return "ALL", nil
	}
	if err := p.expectOp("("); err != nil {
		return "", err
	}
	var sb strings.Builder
	for !p.isOp(")") {
		t := p.next()
		if t.Kind == EOF || t.Kind == Ident || t.IsOp("(") {
			return "", errNear(t)
		}
		sb.WriteString(t.Text)
	}
	p.next()
	if sb.Len() == 0 {
		return "", p.fail()
	}
	return sb.String(), nil
}

// parseMirroringOptions parses the FOR DATABASE_MIRRORING arguments.
func (p *parser) parseMirroringOptions() (*MirroringOptions, error) {
	o := &MirroringOptions{}
	return o, p.parseEndpointArgs(func(name string) error {
		var err error
		switch name {
		case "AUTHENTICATION":
			err = p.parseEndpointAuth(o)
		case "ENCRYPTION":
			err = p.parseEndpointEncryption(o)
		case "ROLE":
			o.Role, err = p.oneOfWords("PARTNER", "WITNESS", "ALL")
		default:
			p.pos--
			err = p.fail()
		}
		return err
	})
}

// parseEndpointAuth parses WINDOWS [NTLM | KERBEROS | NEGOTIATE] and
// CERTIFICATE name, in either order.
func (p *parser) parseEndpointAuth(o *MirroringOptions) error {
	var ws []string
	for {
		switch w := p.word(); w {
		case "WINDOWS", "NTLM", "KERBEROS", "NEGOTIATE":
			p.next()
			ws = append(ws, w)
			continue
		case "CERTIFICATE":
			p.next()
			var err error
			if o.Certificate, err = p.ident(); err != nil {
				return err
			}
			ws = append(ws, w)
			continue
		}
		break
	}
	if len(ws) == 0 {
		return p.fail()
	}
	o.Authentication = strings.Join(ws, " ")
	return nil
}

// parseEndpointEncryption parses DISABLED | {SUPPORTED | REQUIRED}
// [ALGORITHM {AES | RC4 | AES RC4 | RC4 AES}].
func (p *parser) parseEndpointEncryption(o *MirroringOptions) error {
	var err error
	if o.Encryption, err = p.oneOfWords("DISABLED", "SUPPORTED", "REQUIRED"); err != nil {
		return err
	}
	if o.Encryption == "DISABLED" || !p.acceptWord("ALGORITHM") {
		return nil
	}
	if o.Algorithm, err = p.oneOfWords("AES", "RC4"); err != nil {
		return err
	}
	if w := p.word(); (w == "AES" || w == "RC4") && w != o.Algorithm {
		p.next()
		o.Algorithm += " " + w
	}
	return nil
}
