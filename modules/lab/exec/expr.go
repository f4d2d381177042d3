package exec

import (
	"math/big"
	"strconv"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// eval evaluates an expression in a scope (nil: no FROM row).
func (r *run) eval(e tsql.Expr, sc *scope) (value, error) {
	switch x := e.(type) {
	case *tsql.NumberLit:
		return numberLit(x)
	case *tsql.StringLit:
		return stringLit(x.Value, x.National), nil
	case *tsql.WordLit:
		return stringLit(x.Text, true), nil
	case *tsql.BinaryLit:
		b := x.Bytes()
		return value{b, sqlType{Type: sqltype.TypeVarBinary, Length: capLen(len(b), 8000)}}, nil
	case *tsql.NullLit:
		return value{}, nil // untyped: any other type wins an implicit conversion
	case *tsql.VarRef:
		return r.variable(x.Name)
	case *tsql.SysVarRef:
		return r.sysVar(x.Name)
	case *tsql.ColumnRef:
		return r.columnRef(x, sc)
	}
	return r.evalOp(e, sc)
}

// evalOp evaluates operators and predicates.
func (r *run) evalOp(e tsql.Expr, sc *scope) (value, error) {
	switch x := e.(type) {
	case *tsql.UnaryExpr:
		return r.unary(x, sc)
	case *tsql.BinaryExpr:
		return r.binary(x, sc)
	case *tsql.IsNullExpr:
		v, err := r.eval(x.X, sc)
		return boolVal((v.v == nil) != x.Not), err
	case *tsql.InExpr:
		return r.in(x, sc)
	case *tsql.LikeExpr:
		return r.like(x, sc)
	case *tsql.BetweenExpr:
		return r.between(x, sc)
	}
	return r.evalComplex(e, sc)
}

// evalComplex evaluates subqueries, CASE, conversions and calls.
func (r *run) evalComplex(e tsql.Expr, sc *scope) (value, error) {
	switch x := e.(type) {
	case *tsql.ExistsExpr:
		rows, err := r.subquery(x, x.Query, sc)
		return boolVal(len(rows) > 0), err
	case *tsql.SubqueryExpr:
		return r.scalarSubquery(x, sc)
	case *tsql.CaseExpr:
		return r.caseExpr(x, sc)
	case *tsql.CastExpr:
		return r.cast(x.X, x.Type, nil, x.Try, sc)
	case *tsql.ConvertExpr:
		return r.cast(x.X, x.Type, x.Style, x.Try, sc)
	case *tsql.FuncCall:
		return r.call(x, sc)
	case *tsql.StarExpr:
		return value{}, unsupported("* in an expression")
	case *tsql.DefaultExpr:
		return value{}, unsupported("DEFAULT in an expression")
	}
	return value{}, unsupported(e.String())
}

func boolVal(b bool) value { return value{b, bitT()} }

// numberLit types a literal as SQL Server does: int, then bigint, then
// numeric for integers; numeric(p, s) for decimals; float for 1e5.
func numberLit(x *tsql.NumberLit) (value, error) {
	switch x.Kind {
	case tsql.Integer:
		n, err := x.Int64()
		if err == nil {
			if n <= 2147483647 {
				return value{n, intT()}, nil
			}
			return value{n, bigintT()}, nil
		}
		return decimalLit(x.Text)
	case tsql.Float:
		f, err := x.Float64()
		if err != nil {
			return value{}, overflow(floatT())
		}
		return value{f, floatT()}, nil
	}
	return decimalLit(x.Text)
}

func decimalLit(text string) (value, error) {
	intPart, frac, _ := strings.Cut(text, ".")
	digits := strings.TrimLeft(intPart, "0") + frac
	n, ok := new(big.Int).SetString(strings.TrimLeft(digits, "0")+"0", 10)
	if !ok || len(digits) > 38 {
		return value{}, overflow(decimalT(38, 0))
	}
	n.Quo(n, big.NewInt(10))
	t := decimalT(max(len(digits), 1), len(frac))
	return value{sqltype.Decimal{Unscaled: n, Scale: t.Scale}, t}, nil
}

// stringLit types a string literal: varchar(n), or nvarchar(n) for N'…'.
func stringLit(s string, national bool) value {
	if national {
		t := nvarchar(0)
		t.Length = capLen(sqltype.TextLength(t.Type, s), 4000)
		return value{s, t}
	}
	return value{s, varchar(len([]rune(s)))}
}

func (r *run) columnRef(x *tsql.ColumnRef, sc *scope) (value, error) {
	if sc == nil {
		return value{}, engine.Raise(207, x.Name.Object())
	}
	if sc.group != nil {
		sc = sc.first()
	}
	return sc.column(x.Name)
}

func (r *run) unary(x *tsql.UnaryExpr, sc *scope) (value, error) {
	v, err := r.eval(x.X, sc)
	if err != nil {
		return value{}, err
	}
	switch x.Op {
	case "-":
		return negate(v)
	case "~":
		if v.v == nil {
			return v, nil
		}
		if n, ok := v.v.(int64); ok {
			return value{^n, v.t}, nil
		}
		if b, ok := v.v.(bool); ok {
			return value{!b, v.t}, nil
		}
		return value{}, engine.Raise(8117, typeName(v.t), "~")
	case "NOT":
		if v.v == nil {
			return value{nil, bitT()}, nil
		}
		return boolVal(!truth(v.v)), nil
	}
	return v, nil
}

func (r *run) binary(x *tsql.BinaryExpr, sc *scope) (value, error) {
	if x.Op == "AND" || x.Op == "OR" {
		return r.logical(x, sc)
	}
	a, err := r.eval(x.L, sc)
	if err != nil {
		return value{}, err
	}
	b, err := r.eval(x.R, sc)
	if err != nil {
		return value{}, err
	}
	switch x.Op {
	case "=", "<>", "!=", "<", "<=", ">", ">=", "!<", "!>":
		v, err := compareOp(x.Op, a, b)
		return value{v, bitT()}, err
	}
	return arith(x.Op, a, b)
}

// logical implements three-valued AND and OR with short-circuiting.
func (r *run) logical(x *tsql.BinaryExpr, sc *scope) (value, error) {
	a, err := r.eval(x.L, sc)
	if err != nil {
		return value{}, err
	}
	decided := map[string]bool{"AND": false, "OR": true}[x.Op]
	if a.v != nil && truth(a.v) == decided {
		return boolVal(decided), nil
	}
	b, err := r.eval(x.R, sc)
	if err != nil {
		return value{}, err
	}
	switch {
	case b.v != nil && truth(b.v) == decided:
		return boolVal(decided), nil
	case a.v == nil || b.v == nil:
		return value{nil, bitT()}, nil
	}
	return boolVal(!decided), nil
}

func (r *run) between(x *tsql.BetweenExpr, sc *scope) (value, error) {
	v, err := r.eval(x.X, sc)
	if err != nil {
		return value{}, err
	}
	lo, err := r.eval(x.Low, sc)
	if err != nil {
		return value{}, err
	}
	hi, err := r.eval(x.High, sc)
	if err != nil {
		return value{}, err
	}
	ge, err := compareOp(">=", v, lo)
	if err != nil {
		return value{}, err
	}
	le, err := compareOp("<=", v, hi)
	if err != nil {
		return value{}, err
	}
	res := and3(ge, le)
	if x.Not {
		res = not3(res)
	}
	return value{res, bitT()}, nil
}

// and3 and not3 are three-valued logic on true/false/nil.
func and3(a, b any) any {
	if a == false || b == false {
		return false
	}
	if a == nil || b == nil {
		return nil
	}
	return true
}

func not3(a any) any {
	if a == nil {
		return nil
	}
	return !truth(a)
}

// in tests membership in a list or subquery, with SQL's NULL rules.
func (r *run) in(x *tsql.InExpr, sc *scope) (value, error) {
	v, err := r.eval(x.X, sc)
	if err != nil {
		return value{}, err
	}
	cands, err := r.inCandidates(x, sc)
	if err != nil {
		return value{}, err
	}
	var res any = false
	for _, c := range cands {
		eq, err := compareOp("=", v, c)
		if err != nil {
			return value{}, err
		}
		if eq == true {
			res = true
			break
		}
		if eq == nil {
			res = nil
		}
	}
	if x.Not {
		res = not3(res)
	}
	return value{res, bitT()}, nil
}

func (r *run) inCandidates(x *tsql.InExpr, sc *scope) ([]value, error) {
	if x.Query != nil {
		rows, err := r.subquery(x, x.Query, sc)
		out := make([]value, len(rows))
		for i, row := range rows {
			out[i] = row[0]
		}
		return out, err
	}
	out := make([]value, 0, len(x.List))
	for _, e := range x.List {
		v, err := r.eval(e, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (r *run) caseExpr(x *tsql.CaseExpr, sc *scope) (value, error) {
	t, err := r.caseType(x, sc)
	if err != nil {
		return value{}, err
	}
	var op value
	if x.Operand != nil {
		if op, err = r.eval(x.Operand, sc); err != nil {
			return value{}, err
		}
	}
	for _, w := range x.Whens {
		ok, err := r.whenMatches(x.Operand != nil, op, w.Cond, sc)
		if err != nil {
			return value{}, err
		}
		if ok {
			return r.evalAs(w.Result, t, sc)
		}
	}
	if x.Else == nil {
		return value{nil, t}, nil
	}
	return r.evalAs(x.Else, t, sc)
}

func (r *run) whenMatches(simple bool, op value, cond tsql.Expr, sc *scope) (bool, error) {
	if !simple {
		return r.cond(cond, sc)
	}
	c, err := r.eval(cond, sc)
	if err != nil {
		return false, err
	}
	eq, err := compareOp("=", op, c)
	return truth(eq), err
}

// caseType is the result type of CASE: the highest precedence among the
// result expressions that are not NULL literals.
func (r *run) caseType(x *tsql.CaseExpr, sc *scope) (sqlType, error) {
	results := make([]tsql.Expr, 0, len(x.Whens)+1)
	for _, w := range x.Whens {
		results = append(results, w.Result)
	}
	if x.Else != nil {
		results = append(results, x.Else)
	}
	var t sqlType
	for _, e := range results {
		if _, isNull := e.(*tsql.NullLit); isNull || !isConstant(e) {
			continue
		}
		v, err := r.eval(e, sc)
		if err != nil {
			return t, err
		}
		t = widen(t, v.t)
	}
	if t.Type == 0 {
		return sqlType{}, nil
	}
	return t, nil
}

// isConstant reports whether an expression is a literal, whose type the
// lab can know without evaluating a row.
func isConstant(e tsql.Expr) bool {
	switch e.(type) {
	case *tsql.NumberLit, *tsql.StringLit, *tsql.BinaryLit:
		return true
	}
	return false
}

// evalAs evaluates e and converts it to t (the zero type keeps e's own).
func (r *run) evalAs(e tsql.Expr, t sqlType, sc *scope) (value, error) {
	v, err := r.eval(e, sc)
	if err != nil || t.Type == 0 {
		return v, err
	}
	if isString(t) && isString(v.t) {
		return value{v.v, widen(t, v.t)}, nil
	}
	if precedence(v.t) > precedence(t) {
		return v, nil
	}
	return convert(v, t, -1)
}

// cast runs CAST, CONVERT and their TRY_ forms.
func (r *run) cast(e tsql.Expr, tn tsql.TypeName, styleExpr tsql.Expr, try bool, sc *scope) (value, error) {
	t, err := typeOfName(tn, true)
	if err != nil {
		return value{}, err
	}
	v, err := r.eval(e, sc)
	if err != nil {
		return value{}, err
	}
	style := -1
	if styleExpr != nil {
		s, err := r.eval(styleExpr, sc)
		if err != nil {
			return value{}, err
		}
		if n, err := convert(s, intT(), -1); err == nil && n.v != nil {
			style = int(n.v.(int64))
		}
	}
	out, err := convert(v, t, style)
	if err != nil && try {
		return value{nil, t}, nil
	}
	return out, err
}

// itoa formats an integer.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
