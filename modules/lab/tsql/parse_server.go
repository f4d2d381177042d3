package tsql

// parseServerStmt parses KILL, WAITFOR and CHECKPOINT.
func (p *parser) parseServerStmt() (Stmt, error) {
	pos, w := p.here(), p.word()
	p.next()
	switch w {
	case "KILL":
		return p.parseKill(pos)
	case "WAITFOR":
		return p.parseWaitfor(pos)
	}
	s := &CheckpointStmt{Pos: pos}
	if p.peek().Kind == Integer {
		s.Duration, _ = p.parseLiteral()
	}
	return s, nil
}

// parseKill parses KILL spid | 'uow' [WITH STATUSONLY].
func (p *parser) parseKill(pos Pos) (Stmt, error) {
	if p.isWord("QUERY") || p.isWord("STATS") {
		return nil, p.unsupported(p.peek(), "KILL", p.word())
	}
	t := p.peek()
	if t.Kind != Integer && t.Kind != String && t.Kind != NString && t.Kind != Variable {
		return nil, p.fail()
	}
	s := &KillStmt{Pos: pos}
	s.Target, _ = p.parseLiteral()
	if p.acceptWord("WITH") {
		s.StatusOnly = true
		return s, p.expectWord("STATUSONLY")
	}
	return s, nil
}

// parseWaitfor parses WAITFOR DELAY | TIME 'hh:mm:ss' | @var.
func (p *parser) parseWaitfor(pos Pos) (Stmt, error) {
	s := &WaitforStmt{Pos: pos}
	w, err := p.oneOfWords("DELAY", "TIME")
	if err != nil {
		if p.isOp("(") {
			return nil, p.unsupported(p.peek(), "WAITFOR (RECEIVE)")
		}
		return nil, err
	}
	s.Time = w == "TIME"
	t := p.peek()
	if t.Kind != String && t.Kind != NString && t.Kind != Variable {
		return nil, p.fail()
	}
	s.Value, _ = p.parseLiteral()
	return s, nil
}
