package tsql

// Operator precedence, loosest first, following SQL Server's "Operator
// precedence" table except that unary + and - bind tighter than * (as the
// parser does in practice).
const (
	precOr = iota + 1
	precAnd
	precNot
	precCompare // = <> != < > <= >= !< !> IS IN LIKE BETWEEN
	precAdd     // + - & | ^
	precMul     // * / %
	precUnary   // - + ~
	precPrimary
)

// binaryPrec returns the precedence of a binary operator.
func binaryPrec(op string) int {
	switch op {
	case "OR":
		return precOr
	case "AND":
		return precAnd
	case "*", "/", "%":
		return precMul
	case "+", "-", "&", "|", "^":
		return precAdd
	}
	return precCompare
}

// isCompareOp reports whether op is a comparison operator.
func isCompareOp(op string) bool {
	switch op {
	case "=", "<>", "!=", "<", ">", "<=", ">=", "!<", "!>":
		return true
	}
	return false
}

// precOf returns how tightly an expression binds.
func precOf(e Expr) int {
	switch v := e.(type) {
	case *BinaryExpr:
		return binaryPrec(v.Op)
	case *UnaryExpr:
		if v.Op == "NOT" {
			return precNot
		}
		return precUnary
	case *IsNullExpr, *InExpr, *LikeExpr, *BetweenExpr:
		return precCompare
	}
	return precPrimary
}

// wrap renders e, in parentheses when it binds looser than min.
func wrap(e Expr, min int) string {
	if precOf(e) < min {
		return "(" + e.String() + ")"
	}
	return e.String()
}
