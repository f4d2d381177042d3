package tsql

import "strings"

// UseStmt is USE database.
type UseStmt struct {
	Pos
	Database string
}

// String renders the statement.
func (s *UseStmt) String() string { return "USE " + QuoteIdent(s.Database) }

// DeclareStmt is DECLARE @a type [= value][, …].
type DeclareStmt struct {
	Pos
	Vars []VarDecl
}

// VarDecl declares one variable.
type VarDecl struct {
	Pos
	Name  string // with the leading '@'
	Type  TypeName
	Value Expr // nil when not initialised
}

// String renders the declaration.
func (d VarDecl) String() string { return d.Name + " " + d.Type.String() + optional(" = ", d.Value) }

// String renders the statement.
func (s *DeclareStmt) String() string { return "DECLARE " + joinNodes(s.Vars, ", ") }

// SetVarStmt is SET @a = value, or a compound assignment such as +=.
type SetVarStmt struct {
	Pos
	Name  string
	Op    string // "=", "+=", "-=", …
	Value Expr
}

// String renders the statement.
func (s *SetVarStmt) String() string { return "SET " + s.Name + " " + s.Op + " " + s.Value.String() }

// SetOptionStmt is a session SET option: SET NOCOUNT ON, SET ANSI_NULLS,
// QUOTED_IDENTIFIER ON, SET TEXTSIZE 2147483647, SET DATEFORMAT mdy, SET
// TRANSACTION ISOLATION LEVEL READ COMMITTED, SET IDENTITY_INSERT t ON.
type SetOptionStmt struct {
	Pos
	Names []string // upper case: "NOCOUNT", "TRANSACTION ISOLATION LEVEL", "STATISTICS IO"
	Table *Name    // for IDENTITY_INSERT
	Value string   // "ON", "OFF", a number, an upper-cased word such as "MDY" or "READ COMMITTED", or @var
}

// String renders the statement.
func (s *SetOptionStmt) String() string {
	names := strings.Join(s.Names, ", ")
	if strings.HasPrefix(names, "STATISTICS ") {
		names = "STATISTICS " + strings.ReplaceAll(names[len("STATISTICS "):], ", STATISTICS ", ", ")
	}
	if s.Table != nil {
		names += " " + s.Table.String()
	}
	return "SET " + names + " " + s.Value
}

// ExecStmt is EXEC[UTE] [@ret =] proc args, or EXEC (string expression).
type ExecStmt struct {
	Pos
	ReturnVar string // "@rc" in EXEC @rc = proc; else ""
	Proc      Name   // the procedure, when called by name
	ProcVar   string // EXEC @procname …; else ""
	Args      []ExecArg
	Dynamic   Expr     // EXEC ('…' + @x): the SQL text expression
	Options   []string // WITH RECOMPILE and similar, upper case
}

// ExecArg is one procedure argument.
type ExecArg struct {
	Pos
	Name   string // "@param" for a named argument; "" when positional
	Value  Expr   // a literal, variable or *DefaultExpr; bare words become N'…' strings
	Output bool
}

// String renders the argument.
func (a ExecArg) String() string {
	s := a.Value.String()
	if a.Name != "" {
		s = a.Name + " = " + s
	}
	if a.Output {
		s += " OUTPUT"
	}
	return s
}

// String renders the statement.
func (s *ExecStmt) String() string {
	if s.Dynamic != nil {
		return "EXEC (" + s.Dynamic.String() + ")"
	}
	head := "EXEC "
	if s.ReturnVar != "" {
		head += s.ReturnVar + " = "
	}
	if s.ProcVar != "" {
		head += s.ProcVar
	} else {
		head += s.Proc.String()
	}
	if len(s.Args) > 0 {
		head += " " + joinNodes(s.Args, ", ")
	}
	if len(s.Options) > 0 {
		head += " WITH " + strings.Join(s.Options, ", ")
	}
	return head
}

// PrintStmt is PRINT expr.
type PrintStmt struct {
	Pos
	Value Expr
}

// String renders the statement.
func (s *PrintStmt) String() string { return "PRINT " + s.Value.String() }

// KillStmt is KILL spid [WITH STATUSONLY].
type KillStmt struct {
	Pos
	Target     Expr // an integer session id, or a unit-of-work string
	StatusOnly bool
}

// String renders the statement.
func (s *KillStmt) String() string {
	if s.StatusOnly {
		return "KILL " + s.Target.String() + " WITH STATUSONLY"
	}
	return "KILL " + s.Target.String()
}

// WaitforStmt is WAITFOR DELAY 'hh:mm:ss' or WAITFOR TIME 'hh:mm'.
type WaitforStmt struct {
	Pos
	Time  bool // TIME rather than DELAY
	Value Expr
}

// String renders the statement.
func (s *WaitforStmt) String() string {
	if s.Time {
		return "WAITFOR TIME " + s.Value.String()
	}
	return "WAITFOR DELAY " + s.Value.String()
}

// CheckpointStmt is CHECKPOINT [duration].
type CheckpointStmt struct {
	Pos
	Duration Expr
}

// String renders the statement.
func (s *CheckpointStmt) String() string { return "CHECKPOINT" + optional(" ", s.Duration) }

func (*UseStmt) stmtNode()        {}
func (*DeclareStmt) stmtNode()    {}
func (*SetVarStmt) stmtNode()     {}
func (*SetOptionStmt) stmtNode()  {}
func (*ExecStmt) stmtNode()       {}
func (*PrintStmt) stmtNode()      {}
func (*KillStmt) stmtNode()       {}
func (*WaitforStmt) stmtNode()    {}
func (*CheckpointStmt) stmtNode() {}
