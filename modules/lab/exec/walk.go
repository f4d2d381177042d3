package exec

import "pcsh/modules/lab/tsql"

// walk calls fn on e and its sub-expressions, depth first, stopping where
// fn returns false. Subqueries are not entered.
func walk(e tsql.Expr, fn func(tsql.Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range children(e) {
		walk(c, fn)
	}
}

// children lists the direct sub-expressions of e.
func children(e tsql.Expr) []tsql.Expr {
	switch x := e.(type) {
	case *tsql.UnaryExpr:
		return []tsql.Expr{x.X}
	case *tsql.BinaryExpr:
		return []tsql.Expr{x.L, x.R}
	case *tsql.IsNullExpr:
		return []tsql.Expr{x.X}
	case *tsql.InExpr:
		return append([]tsql.Expr{x.X}, x.List...)
	case *tsql.LikeExpr:
		return []tsql.Expr{x.X, x.Pattern, x.Escape}
	case *tsql.BetweenExpr:
		return []tsql.Expr{x.X, x.Low, x.High}
	case *tsql.CaseExpr:
		out := []tsql.Expr{x.Operand, x.Else}
		for _, w := range x.Whens {
			out = append(out, w.Cond, w.Result)
		}
		return out
	case *tsql.CastExpr:
		return []tsql.Expr{x.X}
	case *tsql.ConvertExpr:
		return []tsql.Expr{x.X, x.Style}
	case *tsql.FuncCall:
		return x.Args
	}
	return nil
}

// hasAggregate reports whether any expression calls an aggregate outside
// a subquery.
func hasAggregate(exprs ...tsql.Expr) bool {
	found := false
	for _, e := range exprs {
		walk(e, func(x tsql.Expr) bool {
			if f, ok := x.(*tsql.FuncCall); ok && isAggregate(lower(f.Name.Object())) && len(f.Name.Parts) == 1 {
				found = true
			}
			return !found
		})
	}
	return found
}

// subqueries lists the subquery expressions of e (not nested ones).
func subqueries(exprs ...tsql.Expr) []tsql.Expr {
	var out []tsql.Expr
	for _, e := range exprs {
		walk(e, func(x tsql.Expr) bool {
			switch q := x.(type) {
			case *tsql.SubqueryExpr, *tsql.ExistsExpr:
				out = append(out, q)
			case *tsql.InExpr:
				if q.Query != nil {
					out = append(out, q)
				}
			}
			return true
		})
	}
	return out
}
