package exec

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// selectAssign runs SELECT @a = expr, …: each row assigns in turn, so the
// last row's values remain.
func (r *run) selectAssign(st *tsql.SelectStmt) error {
	for _, it := range st.Columns {
		if it.Var == "" {
			return engine.Raise(141)
		}
	}
	rows, tmpl, err := r.fromRows(st, nil)
	if err == nil {
		rows, err = r.where(rows, st.Where)
	}
	if err == nil {
		rows, err = r.grouped(st, rows, tmpl)
	}
	if err != nil {
		return err
	}
	items := make([]outItem, len(st.Columns))
	for i, it := range st.Columns {
		items[i] = outItem{expr: it.Expr, name: it.Var}
	}
	out, keys, err := r.project(st, items, rows)
	if err != nil {
		return err
	}
	out = r.shape(st, out, keys)
	if out, err = r.top(st, out, keys); err != nil {
		return err
	}
	for _, row := range out {
		for i, it := range st.Columns {
			if err := r.assign(it.Var, row[i]); err != nil {
				return err
			}
		}
	}
	r.s.rowcount = int64(len(out))
	return nil
}

// subquery evaluates a subquery with the current row as its outer scope.
// Inside an engine callback (UPDATE and DELETE conditions) the results
// computed beforehand by presubqueries are used.
func (r *run) subquery(node tsql.Expr, q *tsql.SelectStmt, sc *scope) ([][]value, error) {
	if rows, ok := r.subs[node]; ok {
		return wrapRows(rows), nil
	}
	if r.noLocks {
		return nil, unsupported("a correlated subquery in UPDATE or DELETE")
	}
	res, err := r.query(q, sc)
	if err != nil {
		return nil, err
	}
	return res.rows, nil
}

// wrapRows turns a cached one-column result into rows.
func wrapRows(vals []value) [][]value {
	out := make([][]value, len(vals))
	for i, v := range vals {
		out[i] = []value{v}
	}
	return out
}

// scalarSubquery is (SELECT …) as a value: NULL for no row, 512 for more
// than one.
func (r *run) scalarSubquery(x *tsql.SubqueryExpr, sc *scope) (value, error) {
	rows, err := r.subquery(x, x.Query, sc)
	if err != nil {
		return value{}, err
	}
	switch len(rows) {
	case 0:
		return value{nil, intT()}, nil
	case 1:
		return rows[0][0], nil
	}
	return value{}, engine.Raise(512)
}

// presubqueries evaluates the uncorrelated subqueries of UPDATE and
// DELETE before the engine locks the table, since the conditions run
// inside the engine's callbacks.
func (r *run) presubqueries(exprs ...tsql.Expr) error {
	for _, node := range subqueries(exprs...) {
		q := subqueryOf(node)
		res, err := r.query(q, nil)
		if err != nil {
			return err
		}
		vals := make([]value, len(res.rows))
		for i, row := range res.rows {
			vals[i] = row[0]
		}
		if r.subs == nil {
			r.subs = map[tsql.Expr][]value{}
		}
		r.subs[node] = vals
	}
	return nil
}

func subqueryOf(e tsql.Expr) *tsql.SelectStmt {
	switch x := e.(type) {
	case *tsql.SubqueryExpr:
		return x.Query
	case *tsql.ExistsExpr:
		return x.Query
	}
	return e.(*tsql.InExpr).Query
}
