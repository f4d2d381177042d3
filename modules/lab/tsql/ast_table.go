package tsql

import "strings"

// CreateTableStmt is CREATE TABLE t (columns and constraints).
type CreateTableStmt struct {
	Pos
	Table       Name
	Columns     []ColumnDef
	Constraints []TableConstraint
}

// ColumnDef is one column definition.
type ColumnDef struct {
	Pos
	Name       string
	Type       TypeName
	Nullable   *bool // nil when neither NULL nor NOT NULL was written
	Identity   *Identity
	Default    Expr
	PrimaryKey bool
	Unique     bool
	Collate    string
}

// Identity is IDENTITY[(seed, increment)].
type Identity struct {
	Seed, Increment Expr // both nil for plain IDENTITY
}

// TableConstraint is [CONSTRAINT name] PRIMARY KEY | UNIQUE [CLUSTERED |
// NONCLUSTERED] (cols).
type TableConstraint struct {
	Pos
	Name      string
	Kind      string // "PRIMARY KEY" or "UNIQUE"
	Clustered string // "", "CLUSTERED" or "NONCLUSTERED"
	Columns   []OrderItem
}

// String renders the statement.
func (s *CreateTableStmt) String() string {
	parts := make([]string, 0, len(s.Columns)+len(s.Constraints))
	for _, c := range s.Columns {
		parts = append(parts, c.String())
	}
	for _, c := range s.Constraints {
		parts = append(parts, c.String())
	}
	return "CREATE TABLE " + s.Table.String() + " (" + strings.Join(parts, ", ") + ")"
}

// String renders the column definition.
func (c ColumnDef) String() string {
	out := []string{QuoteIdent(c.Name), c.Type.String()}
	if c.Collate != "" {
		out = append(out, "COLLATE "+c.Collate)
	}
	if c.Identity != nil {
		out = append(out, c.Identity.String())
	}
	if c.Nullable != nil {
		out = append(out, flag(!*c.Nullable, "NOT ")+"NULL")
	}
	if c.Default != nil {
		out = append(out, "DEFAULT "+wrap(c.Default, precPrimary))
	}
	out = append(out, flag(c.PrimaryKey, "PRIMARY KEY"), flag(c.Unique, "UNIQUE"))
	return strings.TrimSpace(words(out...))
}

// String renders the IDENTITY property.
func (i *Identity) String() string {
	if i.Seed == nil {
		return "IDENTITY"
	}
	return "IDENTITY(" + i.Seed.String() + ", " + i.Increment.String() + ")"
}

// String renders the constraint.
func (c TableConstraint) String() string {
	name := ""
	if c.Name != "" {
		name = "CONSTRAINT " + QuoteIdent(c.Name)
	}
	return words(name, c.Kind, c.Clustered, "("+joinNodes(c.Columns, ", ")+")")
}

// DropTableStmt is DROP TABLE [IF EXISTS] t[, …].
type DropTableStmt struct {
	Pos
	IfExists bool
	Tables   []Name
}

// String renders the statement.
func (s *DropTableStmt) String() string {
	return words("DROP TABLE", flag(s.IfExists, "IF EXISTS"), joinNames(s.Tables))
}

// joinNames renders names separated by ", ".
func joinNames(names []Name) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n.String()
	}
	return strings.Join(parts, ", ")
}

func (*CreateTableStmt) stmtNode() {}
func (*DropTableStmt) stmtNode()   {}
