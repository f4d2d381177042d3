package tsql

import "strings"

// parseStmt parses one statement. first is true for the first statement
// of the batch, where a bare procedure name means EXEC.
func (p *parser) parseStmt(first bool) (Stmt, error) {
	t := p.peek()
	if t.Kind != Ident || t.Quoted {
		return p.parseImplicitExec(first)
	}
	if parse := p.stmtParser(strings.ToUpper(t.Value)); parse != nil {
		return parse()
	}
	if t.IsWord("WITH") {
		return nil, p.unsupported(t, "WITH common_table_expression")
	}
	if isUnsupportedStmt(strings.ToUpper(t.Value)) {
		return nil, p.unsupported(t, t.Value)
	}
	if p.peekAt(1).IsOp(":") {
		return nil, p.unsupported(t, "GOTO label")
	}
	return p.parseImplicitExec(first)
}

// stmtParser returns the parser for a statement keyword, or nil.
func (p *parser) stmtParser(w string) func() (Stmt, error) {
	switch w {
	case "SELECT":
		return func() (Stmt, error) { return p.parseSelect() }
	case "INSERT":
		return p.parseInsert
	case "UPDATE":
		return p.parseUpdate
	case "DELETE":
		return p.parseDelete
	case "TRUNCATE":
		return p.parseTruncate
	case "CREATE", "ALTER", "DROP":
		return p.parseDDL
	case "BACKUP":
		return p.parseBackup
	case "RESTORE":
		return p.parseRestore
	case "GRANT", "DENY", "REVOKE":
		return p.parsePermission
	}
	return p.controlParser(w)
}

// controlParser returns the parser for the procedural and session
// statements, or nil.
func (p *parser) controlParser(w string) func() (Stmt, error) {
	switch w {
	case "USE":
		return p.parseUse
	case "DECLARE":
		return p.parseDeclare
	case "SET":
		return p.parseSet
	case "EXEC", "EXECUTE":
		return p.parseExec
	case "PRINT":
		return p.parsePrint
	case "IF":
		return p.parseIf
	case "WHILE":
		return p.parseWhile
	case "BEGIN":
		return p.parseBegin
	case "BREAK", "CONTINUE", "RETURN", "THROW", "RAISERROR":
		return p.parseFlow
	case "COMMIT", "ROLLBACK", "SAVE":
		return p.parseTranEnd
	case "KILL", "WAITFOR", "CHECKPOINT":
		return p.parseServerStmt
	}
	return nil
}

// isUnsupportedStmt reports statement keywords of SQL Server that the lab
// does not implement.
func isUnsupportedStmt(w string) bool {
	switch w {
	case "MERGE", "DBCC", "OPEN", "FETCH", "CLOSE", "DEALLOCATE", "GOTO", "RECONFIGURE",
		"SHUTDOWN", "BULK", "REVERT", "SETUSER", "READTEXT", "WRITETEXT", "UPDATETEXT",
		"DUMP", "LOAD", "ENABLE", "DISABLE", "RECEIVE", "SEND", "MOVE", "GET":
		return true
	}
	return false
}

// parseImplicitExec parses a procedure call without EXEC, allowed only as
// the first statement of a batch.
func (p *parser) parseImplicitExec(first bool) (Stmt, error) {
	if !first || !p.isIdent() {
		return nil, p.fail()
	}
	s := &ExecStmt{Pos: p.here()}
	return s, p.parseExecCall(s)
}

func (p *parser) parseUse() (Stmt, error) {
	s := &UseStmt{Pos: p.here()}
	p.next()
	var err error
	s.Database, err = p.ident()
	return s, err
}

func (p *parser) parsePrint() (Stmt, error) {
	s := &PrintStmt{Pos: p.here()}
	p.next()
	var err error
	s.Value, err = p.parseExpr()
	return s, err
}

// parseDDL dispatches CREATE, ALTER and DROP on the object type.
func (p *parser) parseDDL() (Stmt, error) {
	verb, t := p.word(), p.peek()
	obj := p.wordAt(1)
	switch verb + " " + obj {
	case "CREATE TABLE":
		return p.parseCreateTable()
	case "DROP TABLE":
		return p.parseDropTable()
	case "CREATE DATABASE":
		return p.parseCreateDatabase()
	case "DROP DATABASE":
		return p.parseDropDatabase()
	case "ALTER DATABASE":
		return p.parseAlterDatabase()
	case "CREATE ENDPOINT", "ALTER ENDPOINT", "DROP ENDPOINT":
		return p.parseEndpoint()
	case "CREATE LOGIN":
		return p.parseCreateLogin()
	case "DROP LOGIN":
		return p.parseDropLogin()
	}
	if obj == "" {
		p.next()
		return nil, p.fail()
	}
	return nil, p.unsupported(t, p.ddlName())
}

// ddlName names an unsupported DDL statement from the words at the cursor:
// CREATE VIEW, CREATE OR ALTER PROCEDURE, CREATE UNIQUE CLUSTERED INDEX.
func (p *parser) ddlName() string {
	ws := []string{p.word()}
	for i := 1; i < 5; i++ {
		w := p.wordAt(i)
		ws = append(ws, w)
		if !isDDLModifier(w) || w == "ALTER" && ws[i-1] != "OR" {
			break
		}
	}
	return strings.Join(ws, " ")
}

// isDDLModifier reports the words that may precede the object type.
func isDDLModifier(w string) bool {
	switch w {
	case "OR", "ALTER", "UNIQUE", "CLUSTERED", "NONCLUSTERED":
		return true
	}
	return false
}
