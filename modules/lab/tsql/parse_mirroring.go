package tsql

// parsePartner parses PARTNER { = 'address' | FAILOVER |
// FORCE_SERVICE_ALLOW_DATA_LOSS | OFF | RESUME | SAFETY FULL|OFF | SUSPEND |
// TIMEOUT n }.
func (p *parser) parsePartner() (*PartnerOption, error) {
	p.next()
	o := &PartnerOption{}
	var err error
	if p.acceptOp("=") {
		o.Action = "ADDRESS"
		o.Address, err = p.parseAddress()
		return o, err
	}
	o.Action, err = p.oneOfWords("FAILOVER", "FORCE_SERVICE_ALLOW_DATA_LOSS", "OFF", "RESUME",
		"SAFETY", "SUSPEND", "TIMEOUT")
	switch o.Action {
	case "SAFETY":
		o.Safety, err = p.oneOfWords("FULL", "OFF")
	case "TIMEOUT":
		o.Timeout, err = p.parseSignedLiteral()
	}
	return o, err
}

// parseWitness parses WITNESS { = 'address' | OFF }.
func (p *parser) parseWitness() (*WitnessOption, error) {
	p.next()
	if p.acceptWord("OFF") {
		return &WitnessOption{}, nil
	}
	if err := p.expectOp("="); err != nil {
		return nil, err
	}
	addr, err := p.parseAddress()
	return &WitnessOption{Address: addr}, err
}

// parseAddress parses a server network address: a string or a variable.
func (p *parser) parseAddress() (Expr, error) {
	t := p.peek()
	if t.Kind != String && t.Kind != NString && t.Kind != Variable {
		return nil, p.fail()
	}
	e, _ := p.parseLiteral()
	return e, nil
}
