package tsql

import "strings"

// SelectStmt is a SELECT over at most one table source with optional joins.
type SelectStmt struct {
	Pos
	Distinct bool
	Top      *Top
	Columns  []SelectItem
	Into     *Name // SELECT … INTO new_table
	From     *TableRef
	Joins    []Join
	Where    Expr
	GroupBy  []Expr
	Having   Expr
	OrderBy  []OrderItem
}

// Top is TOP (n) [PERCENT] [WITH TIES].
type Top struct {
	Count    Expr
	Percent  bool
	WithTies bool
}

// SelectItem is one select-list entry: expr [AS] alias, alias = expr, *,
// t.* or @var = expr.
type SelectItem struct {
	Pos
	Expr  Expr
	Alias string // "" when not aliased
	Var   string // "@v" for SELECT @v = expr
}

// TableRef is a table, view or system view with an optional alias and
// table hints.
type TableRef struct {
	Pos
	Name  Name
	Alias string
	Hints []string // WITH (NOLOCK), upper case
}

// Join is [INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] | CROSS] JOIN t [ON cond].
type Join struct {
	Pos
	Kind  string // "INNER", "LEFT", "RIGHT", "FULL" or "CROSS"
	Table TableRef
	On    Expr // nil for CROSS
}

// OrderItem is expr [ASC | DESC].
type OrderItem struct {
	Pos
	Expr Expr
	Desc bool
}

// String renders the statement.
func (s *SelectStmt) String() string {
	var sb strings.Builder
	sb.WriteString("SELECT ")
	if s.Distinct {
		sb.WriteString("DISTINCT ")
	}
	if s.Top != nil {
		sb.WriteString(s.Top.String() + " ")
	}
	sb.WriteString(joinNodes(s.Columns, ", "))
	if s.Into != nil {
		sb.WriteString(" INTO " + s.Into.String())
	}
	s.writeFrom(&sb)
	if len(s.GroupBy) > 0 {
		sb.WriteString(" GROUP BY " + joinNodes(s.GroupBy, ", "))
	}
	sb.WriteString(optional(" HAVING ", s.Having))
	if len(s.OrderBy) > 0 {
		sb.WriteString(" ORDER BY " + joinNodes(s.OrderBy, ", "))
	}
	return sb.String()
}

func (s *SelectStmt) writeFrom(sb *strings.Builder) {
	if s.From != nil {
		sb.WriteString(" FROM " + s.From.String())
	}
	for _, j := range s.Joins {
		sb.WriteString(" " + j.String())
	}
	sb.WriteString(optional(" WHERE ", s.Where))
}

// String renders the TOP clause.
func (t *Top) String() string {
	return words("TOP ("+t.Count.String()+")", flag(t.Percent, "PERCENT"), flag(t.WithTies, "WITH TIES"))
}

// String renders the item.
func (i SelectItem) String() string {
	switch {
	case i.Var != "":
		return i.Var + " = " + i.Expr.String()
	case i.Alias != "":
		return i.Expr.String() + " AS " + QuoteIdent(i.Alias)
	}
	return i.Expr.String()
}

// String renders the table reference.
func (t TableRef) String() string {
	s := t.Name.String()
	if t.Alias != "" {
		s += " AS " + QuoteIdent(t.Alias)
	}
	if len(t.Hints) > 0 {
		s += " WITH (" + strings.Join(t.Hints, ", ") + ")"
	}
	return s
}

// String renders the join.
func (j Join) String() string {
	return j.Kind + " JOIN " + j.Table.String() + optional(" ON ", j.On)
}

// String renders the item.
func (o OrderItem) String() string {
	if o.Desc {
		return o.Expr.String() + " DESC"
	}
	return o.Expr.String()
}

// flag returns w when set, else "".
func flag(set bool, w string) string {
	if set {
		return w
	}
	return ""
}

func (*SelectStmt) stmtNode() {}
