package tsql

import (
	"encoding/hex"
	"strconv"
	"strings"
)

// NumberLit is a numeric literal; Kind is Integer, Decimal or Float.
type NumberLit struct {
	Pos
	Kind Kind
	Text string
}

// Int64 returns the value of an Integer literal.
func (e *NumberLit) Int64() (int64, error) { return strconv.ParseInt(e.Text, 10, 64) }

// Float64 returns the value of any numeric literal.
func (e *NumberLit) Float64() (float64, error) { return strconv.ParseFloat(e.Text, 64) }

// String renders the literal as written.
func (e *NumberLit) String() string { return e.Text }

// StringLit is a character string literal, 'x' or N'x'.
type StringLit struct {
	Pos
	Value    string
	National bool
}

// String renders the literal quoted.
func (e *StringLit) String() string { return QuoteString(e.Value, e.National) }

// BinaryLit is a 0x… literal.
type BinaryLit struct {
	Pos
	Text string // as written, with the 0x prefix
}

// Bytes decodes the literal; an odd digit count gets a leading zero, as in
// SQL Server.
func (e *BinaryLit) Bytes() []byte {
	digits := e.Text[2:]
	if len(digits)%2 == 1 {
		digits = "0" + digits
	}
	b, _ := hex.DecodeString(digits)
	return b
}

// String renders the literal as written.
func (e *BinaryLit) String() string { return e.Text }

// NullLit is the NULL literal.
type NullLit struct{ Pos }

// String renders NULL.
func (e *NullLit) String() string { return "NULL" }

// DefaultExpr is the DEFAULT keyword where a value may be defaulted
// (INSERT VALUES, UPDATE SET, EXEC arguments).
type DefaultExpr struct{ Pos }

// String renders DEFAULT.
func (e *DefaultExpr) String() string { return "DEFAULT" }

// VarRef is a local variable such as @db.
type VarRef struct {
	Pos
	Name string // with the leading '@'
}

// String renders the variable.
func (e *VarRef) String() string { return e.Name }

// SysVarRef is a system function written @@NAME, such as @@SERVERNAME.
type SysVarRef struct {
	Pos
	Name string // with the leading "@@", as written
}

// String renders the name.
func (e *SysVarRef) String() string { return e.Name }

// ColumnRef is a possibly qualified column name.
type ColumnRef struct {
	Pos
	Name Name
}

// String renders the name.
func (e *ColumnRef) String() string { return e.Name.String() }

// StarExpr is * or qualifier.* in a select list or COUNT(*).
type StarExpr struct {
	Pos
	Qualifier Name // empty for a bare *
}

// String renders the star.
func (e *StarExpr) String() string {
	if len(e.Qualifier.Parts) == 0 {
		return "*"
	}
	return e.Qualifier.String() + ".*"
}

// UnaryExpr is -x, +x, ~x or NOT x.
type UnaryExpr struct {
	Pos
	Op string // "-", "+", "~" or "NOT"
	X  Expr
}

// String renders the expression with the parentheses precedence needs.
func (e *UnaryExpr) String() string {
	if e.Op == "NOT" {
		return "NOT " + wrap(e.X, precNot)
	}
	if _, ok := e.X.(*UnaryExpr); ok {
		return e.Op + "(" + e.X.String() + ")"
	}
	return e.Op + wrap(e.X, precUnary)
}

// BinaryExpr is an arithmetic, string, bitwise, comparison or logical
// operation.
type BinaryExpr struct {
	Pos
	Op   string // as in T-SQL; AND and OR upper case
	L, R Expr
}

// String renders the expression with the parentheses precedence needs.
func (e *BinaryExpr) String() string {
	p := binaryPrec(e.Op)
	left := wrap(e.L, p)
	if p == precCompare {
		left = wrap(e.L, p+1)
	}
	return left + " " + e.Op + " " + wrap(e.R, p+1)
}

// IsNullExpr is x IS [NOT] NULL.
type IsNullExpr struct {
	Pos
	X   Expr
	Not bool
}

// String renders the test.
func (e *IsNullExpr) String() string {
	return words(wrap(e.X, precCompare+1), "IS", notWord(e.Not), "NULL")
}

// InExpr is x [NOT] IN (list) or x [NOT] IN (subquery).
type InExpr struct {
	Pos
	X     Expr
	Not   bool
	List  []Expr
	Query *SelectStmt
}

// String renders the test.
func (e *InExpr) String() string {
	inner := joinNodes(e.List, ", ")
	if e.Query != nil {
		inner = e.Query.String()
	}
	return words(wrap(e.X, precCompare+1), notWord(e.Not), "IN", "("+inner+")")
}

// LikeExpr is x [NOT] LIKE pattern [ESCAPE c].
type LikeExpr struct {
	Pos
	X, Pattern, Escape Expr
	Not                bool
}

// String renders the test.
func (e *LikeExpr) String() string {
	s := words(wrap(e.X, precCompare+1), notWord(e.Not), "LIKE", wrap(e.Pattern, precCompare+1))
	if e.Escape != nil {
		s += " ESCAPE " + wrap(e.Escape, precCompare+1)
	}
	return s
}

// BetweenExpr is x [NOT] BETWEEN low AND high.
type BetweenExpr struct {
	Pos
	X, Low, High Expr
	Not          bool
}

// String renders the test.
func (e *BetweenExpr) String() string {
	return words(wrap(e.X, precCompare+1), notWord(e.Not), "BETWEEN",
		wrap(e.Low, precAdd), "AND", wrap(e.High, precAdd))
}

// ExistsExpr is EXISTS (subquery).
type ExistsExpr struct {
	Pos
	Query *SelectStmt
}

// String renders the test.
func (e *ExistsExpr) String() string { return "EXISTS (" + e.Query.String() + ")" }

// SubqueryExpr is a scalar subquery in parentheses.
type SubqueryExpr struct {
	Pos
	Query *SelectStmt
}

// String renders the subquery.
func (e *SubqueryExpr) String() string { return "(" + e.Query.String() + ")" }

// CaseExpr is a simple (Operand set) or searched CASE expression.
type CaseExpr struct {
	Pos
	Operand Expr
	Whens   []When
	Else    Expr
}

// When is one WHEN … THEN … arm.
type When struct {
	Cond, Result Expr
}

// String renders the expression.
func (e *CaseExpr) String() string {
	var sb strings.Builder
	sb.WriteString("CASE")
	sb.WriteString(optional(" ", e.Operand))
	for _, w := range e.Whens {
		sb.WriteString(" WHEN " + w.Cond.String() + " THEN " + w.Result.String())
	}
	sb.WriteString(optional(" ELSE ", e.Else))
	sb.WriteString(" END")
	return sb.String()
}

// CastExpr is CAST(x AS type) or TRY_CAST.
type CastExpr struct {
	Pos
	X    Expr
	Type TypeName
	Try  bool
}

// String renders the call.
func (e *CastExpr) String() string {
	return tryPrefix(e.Try) + "CAST(" + e.X.String() + " AS " + e.Type.String() + ")"
}

// ConvertExpr is CONVERT(type, x[, style]) or TRY_CONVERT.
type ConvertExpr struct {
	Pos
	Type  TypeName
	X     Expr
	Style Expr
	Try   bool
}

// String renders the call.
func (e *ConvertExpr) String() string {
	return tryPrefix(e.Try) + "CONVERT(" + e.Type.String() + ", " + e.X.String() +
		optional(", ", e.Style) + ")"
}

// FuncCall is a call of any named function; the executor decides which
// exist. COUNT(*) has a single *StarExpr argument.
type FuncCall struct {
	Pos
	Name     Name
	Args     []Expr
	Distinct bool
	Niladic  bool // written without parentheses: CURRENT_TIMESTAMP, USER …
}

// String renders the call.
func (e *FuncCall) String() string {
	name := e.Name.String()
	if len(e.Name.Parts) == 1 && (e.Niladic || isReservedFunc(Token{Value: e.Name.Parts[0]})) {
		name = strings.ToUpper(e.Name.Parts[0])
	}
	if e.Niladic {
		return name
	}
	return name + "(" + flag(e.Distinct, "DISTINCT ") + joinNodes(e.Args, ", ") + ")"
}

func notWord(not bool) string {
	if not {
		return "NOT"
	}
	return ""
}

func tryPrefix(try bool) string {
	if try {
		return "TRY_"
	}
	return ""
}

func (*NumberLit) exprNode()    {}
func (*StringLit) exprNode()    {}
func (*BinaryLit) exprNode()    {}
func (*NullLit) exprNode()      {}
func (*DefaultExpr) exprNode()  {}
func (*VarRef) exprNode()       {}
func (*SysVarRef) exprNode()    {}
func (*ColumnRef) exprNode()    {}
func (*StarExpr) exprNode()     {}
func (*UnaryExpr) exprNode()    {}
func (*BinaryExpr) exprNode()   {}
func (*IsNullExpr) exprNode()   {}
func (*InExpr) exprNode()       {}
func (*LikeExpr) exprNode()     {}
func (*BetweenExpr) exprNode()  {}
func (*ExistsExpr) exprNode()   {}
func (*SubqueryExpr) exprNode() {}
func (*CaseExpr) exprNode()     {}
func (*CastExpr) exprNode()     {}
func (*ConvertExpr) exprNode()  {}
func (*FuncCall) exprNode()     {}
