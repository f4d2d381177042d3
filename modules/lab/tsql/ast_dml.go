package tsql

import "strings"

// InsertStmt is INSERT [INTO] t [(cols)] VALUES (…), (…) | SELECT … | EXEC ….
type InsertStmt struct {
	Pos
	Table   Name
	Columns []string
	Values  [][]Expr    // rows of VALUES; nil otherwise
	Select  *SelectStmt // INSERT … SELECT
	Exec    *ExecStmt   // INSERT … EXEC
	Default bool        // INSERT … DEFAULT VALUES
}

// String renders the statement.
func (s *InsertStmt) String() string {
	head := "INSERT INTO " + s.Table.String()
	if len(s.Columns) > 0 {
		head += " (" + quoteIdents(s.Columns) + ")"
	}
	switch {
	case s.Select != nil:
		return head + " " + s.Select.String()
	case s.Exec != nil:
		return head + " " + s.Exec.String()
	case s.Default:
		return head + " DEFAULT VALUES"
	}
	rows := make([]string, len(s.Values))
	for i, r := range s.Values {
		rows[i] = "(" + joinNodes(r, ", ") + ")"
	}
	return head + " VALUES " + strings.Join(rows, ", ")
}

// UpdateStmt is UPDATE t SET c = expr, … [FROM …] [WHERE cond].
type UpdateStmt struct {
	Pos
	Table TableRef
	Set   []Assignment
	From  *TableRef
	Joins []Join
	Where Expr
}

// Assignment is one SET target = value of an UPDATE; the target is a
// column or a @variable.
type Assignment struct {
	Pos
	Column Name   // empty when Var is set
	Var    string // "@v" for SET @v = expr
	Op     string // "=", "+=", …
	Value  Expr
}

// String renders the assignment.
func (a Assignment) String() string {
	target := a.Var
	if target == "" {
		target = a.Column.String()
	}
	return target + " " + a.Op + " " + a.Value.String()
}

// String renders the statement.
func (s *UpdateStmt) String() string {
	out := "UPDATE " + s.Table.String() + " SET " + joinNodes(s.Set, ", ")
	if s.From != nil {
		out += " FROM " + s.From.String()
	}
	for _, j := range s.Joins {
		out += " " + j.String()
	}
	return out + optional(" WHERE ", s.Where)
}

// DeleteStmt is DELETE [FROM] t [WHERE cond].
type DeleteStmt struct {
	Pos
	Table TableRef
	Where Expr
}

// String renders the statement.
func (s *DeleteStmt) String() string {
	return "DELETE FROM " + s.Table.String() + optional(" WHERE ", s.Where)
}

// TruncateStmt is TRUNCATE TABLE t.
type TruncateStmt struct {
	Pos
	Table Name
}

// String renders the statement.
func (s *TruncateStmt) String() string { return "TRUNCATE TABLE " + s.Table.String() }

func (*InsertStmt) stmtNode()   {}
func (*UpdateStmt) stmtNode()   {}
func (*DeleteStmt) stmtNode()   {}
func (*TruncateStmt) stmtNode() {}
