package tsql

import "strings"

// IfStmt is IF cond stmt [ELSE stmt].
type IfStmt struct {
	Pos
	Cond Expr
	Then Stmt
	Else Stmt // nil without ELSE
}

// String renders the statement.
func (s *IfStmt) String() string {
	out := "IF " + s.Cond.String() + " " + s.Then.String()
	if s.Else != nil {
		out += " ELSE " + s.Else.String()
	}
	return out
}

// BlockStmt is BEGIN … END.
type BlockStmt struct {
	Pos
	Stmts []Stmt
}

// String renders the block.
func (s *BlockStmt) String() string { return "BEGIN " + stmtList(s.Stmts) + "END" }

// TryCatchStmt is BEGIN TRY … END TRY BEGIN CATCH … END CATCH.
type TryCatchStmt struct {
	Pos
	Try, Catch []Stmt
}

// String renders the statement.
func (s *TryCatchStmt) String() string {
	return "BEGIN TRY " + stmtList(s.Try) + "END TRY BEGIN CATCH " + stmtList(s.Catch) + "END CATCH"
}

// WhileStmt is WHILE cond stmt.
type WhileStmt struct {
	Pos
	Cond Expr
	Body Stmt
}

// String renders the statement.
func (s *WhileStmt) String() string { return "WHILE " + s.Cond.String() + " " + s.Body.String() }

// BreakStmt is BREAK.
type BreakStmt struct{ Pos }

// String renders the statement.
func (s *BreakStmt) String() string { return "BREAK" }

// ContinueStmt is CONTINUE.
type ContinueStmt struct{ Pos }

// String renders the statement.
func (s *ContinueStmt) String() string { return "CONTINUE" }

// ReturnStmt is RETURN [value].
type ReturnStmt struct {
	Pos
	Value Expr
}

// String renders the statement.
func (s *ReturnStmt) String() string { return "RETURN" + optional(" ", s.Value) }

// RaiserrorStmt is RAISERROR(msg, severity, state[, args…]) [WITH options].
type RaiserrorStmt struct {
	Pos
	Message  Expr // a message id, string or variable
	Severity Expr
	State    Expr
	Args     []Expr
	Options  []string // LOG, NOWAIT, SETERROR; upper case
}

// String renders the statement.
func (s *RaiserrorStmt) String() string {
	args := append([]Expr{s.Message, s.Severity, s.State}, s.Args...)
	out := "RAISERROR(" + joinNodes(args, ", ") + ")"
	if len(s.Options) > 0 {
		out += " WITH " + strings.Join(s.Options, ", ")
	}
	return out
}

// ThrowStmt is THROW [number, message, state]; all nil re-throws.
type ThrowStmt struct {
	Pos
	Number, Message, State Expr
}

// String renders the statement.
func (s *ThrowStmt) String() string {
	if s.Number == nil {
		return "THROW"
	}
	return "THROW " + joinNodes([]Expr{s.Number, s.Message, s.State}, ", ")
}

// TranStmt is BEGIN TRAN, COMMIT, ROLLBACK or SAVE TRAN.
type TranStmt struct {
	Pos
	Action string // "BEGIN", "COMMIT", "ROLLBACK" or "SAVE"
	Name   string // transaction or savepoint name, or @var; "" when absent

	Mark        bool   // BEGIN TRAN name WITH MARK
	Description string // the mark's description; "" when absent
}

// String renders the statement.
func (s *TranStmt) String() string {
	name := s.Name
	if name != "" && name[0] != '@' {
		name = QuoteIdent(name)
	}
	out := words(s.Action, "TRANSACTION", name)
	if s.Mark {
		out += " WITH MARK"
		if s.Description != "" {
			out += " " + (&StringLit{Value: s.Description, National: true}).String()
		}
	}
	return out
}

// stmtList renders statements each followed by "; ".
func stmtList(stmts []Stmt) string {
	var sb strings.Builder
	for _, s := range stmts {
		sb.WriteString(s.String())
		sb.WriteString("; ")
	}
	return sb.String()
}

func (*IfStmt) stmtNode()        {}
func (*BlockStmt) stmtNode()     {}
func (*TryCatchStmt) stmtNode()  {}
func (*WhileStmt) stmtNode()     {}
func (*BreakStmt) stmtNode()     {}
func (*ContinueStmt) stmtNode()  {}
func (*ReturnStmt) stmtNode()    {}
func (*RaiserrorStmt) stmtNode() {}
func (*ThrowStmt) stmtNode()     {}
func (*TranStmt) stmtNode()      {}
