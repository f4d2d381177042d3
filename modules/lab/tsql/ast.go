package tsql

import "strings"

// Pos is the source position of a node: the 1-based line of its first
// token, which is what SQL Server reports as "Line N".
type Pos struct {
	Line int
}

// Position returns p; embedding Pos gives every node this method.
func (p Pos) Position() Pos { return p }

// Node is any element of the syntax tree.
type Node interface {
	Position() Pos
	// String renders the node as normalized T-SQL that parses back to an
	// equal tree.
	String() string
}

// Stmt is a statement.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is a scalar or boolean expression.
type Expr interface {
	Node
	exprNode()
}

// Batch is the parsed text of one SQL batch.
type Batch struct {
	Stmts []Stmt
}

// String renders the batch one statement per line, each ended by ';'.
func (b *Batch) String() string {
	var sb strings.Builder
	for _, s := range b.Stmts {
		sb.WriteString(s.String())
		sb.WriteString(";\n")
	}
	return sb.String()
}

// Name is a multi-part object name such as server.db.schema.object; an
// omitted middle part (db..object) is an empty string.
type Name struct {
	Parts []string
}

// Object returns the last part of the name.
func (n Name) Object() string { return n.part(1) }

// Schema returns the schema part, or "" when absent.
func (n Name) Schema() string { return n.part(2) }

// Database returns the database part, or "" when absent.
func (n Name) Database() string { return n.part(3) }

// Server returns the server part, or "" when absent.
func (n Name) Server() string { return n.part(4) }

// part returns the i-th part counted from the end, 1-based.
func (n Name) part(i int) string {
	if len(n.Parts) < i {
		return ""
	}
	return n.Parts[len(n.Parts)-i]
}

// String renders the name, delimiting parts that need it.
func (n Name) String() string {
	parts := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		if p != "" {
			parts[i] = QuoteIdent(p)
		}
	}
	return strings.Join(parts, ".")
}

// QuoteIdent renders an identifier, in brackets when it is not a regular
// identifier or is a reserved keyword.
func QuoteIdent(s string) string {
	if isRegularIdent(s) && !isReserved(s) {
		return s
	}
	return "[" + strings.ReplaceAll(s, "]", "]]") + "]"
}

// QuoteString renders a string literal, N'…' when national is set.
func QuoteString(s string, national bool) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if national {
		return "N" + q
	}
	return q
}

func isRegularIdent(s string) bool {
	for i, r := range s {
		if i == 0 && !isIdentStart(r) || !isIdentPart(r) {
			return false
		}
	}
	return s != ""
}

// TypeName is a data type as written: nvarchar(128), decimal(18, 2),
// varbinary(max).
type TypeName struct {
	Pos
	Name      string // lower case, without schema: "nvarchar"
	Params    int    // how many parenthesized arguments were given: 0, 1 or 2
	Length    int    // for character and binary types; -1 for max
	Precision int    // for decimal, numeric and float
	Scale     int    // for decimal and numeric, and the time types' fractional digits
}

// String renders the type with its arguments.
func (t TypeName) String() string {
	switch {
	case t.Params == 0:
		return t.Name
	case t.Params == 2:
		return t.Name + "(" + itoa(t.Precision) + ", " + itoa(t.Scale) + ")"
	case t.Length == -1:
		return t.Name + "(max)"
	case typeTakesLength(t.Name):
		return t.Name + "(" + itoa(t.Length) + ")"
	case typeTakesScaleOnly(t.Name):
		return t.Name + "(" + itoa(t.Scale) + ")"
	}
	return t.Name + "(" + itoa(t.Precision) + ")"
}

// typeTakesLength reports whether a type's single argument is a length.
func typeTakesLength(name string) bool {
	switch name {
	case "char", "varchar", "nchar", "nvarchar", "binary", "varbinary":
		return true
	}
	return false
}

// typeTakesScaleOnly reports whether a type's argument is fractional-second
// digits.
func typeTakesScaleOnly(name string) bool {
	switch name {
	case "datetime2", "time", "datetimeoffset":
		return true
	}
	return false
}
