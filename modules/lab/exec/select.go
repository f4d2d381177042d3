package exec

import (
	"fmt"
	"slices"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// result is a materialized result set.
type result struct {
	cols []sqltype.Column
	rows [][]value
}

// selectStmt runs SELECT: a result set, or variable assignments.
func (r *run) selectStmt(st *tsql.SelectStmt) error {
	if st.Into != nil {
		return unsupported("SELECT INTO")
	}
	if isAssignment(st) {
		return r.selectAssign(st)
	}
	res, err := r.query(st, nil)
	if err != nil {
		return err
	}
	return r.send(res)
}

// isAssignment reports whether the select list assigns variables; mixing
// assignments and columns is error 141.
func isAssignment(st *tsql.SelectStmt) bool {
	for _, it := range st.Columns {
		if it.Var != "" {
			return true
		}
	}
	return false
}

// query evaluates a SELECT into rows. outer is the enclosing query's row
// for correlated subqueries.
func (r *run) query(st *tsql.SelectStmt, outer *scope) (*result, error) {
	rows, tmpl, err := r.fromRows(st, outer)
	if err != nil {
		return nil, err
	}
	if rows, err = r.where(rows, st.Where); err != nil {
		return nil, err
	}
	if rows, err = r.grouped(st, rows, tmpl); err != nil {
		return nil, err
	}
	items, err := r.items(st, tmpl)
	if err != nil {
		return nil, err
	}
	out, keys, err := r.project(st, items, rows)
	if err != nil {
		return nil, err
	}
	out = r.shape(st, out, keys)
	if out, err = r.top(st, out, keys); err != nil {
		return nil, err
	}
	return r.finishResult(items, out, tmpl)
}

// where keeps the rows the condition accepts.
func (r *run) where(rows []*scope, cond tsql.Expr) ([]*scope, error) {
	if cond == nil {
		return rows, nil
	}
	if hasAggregate(cond) {
		return nil, engine.Raise(147)
	}
	out := rows[:0:0]
	for _, sc := range rows {
		ok, err := r.cond(cond, sc)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, sc)
		}
	}
	return out, nil
}

// items expands the select list.
func (r *run) items(st *tsql.SelectStmt, tmpl *scope) ([]outItem, error) {
	var out []outItem
	for _, it := range st.Columns {
		if star, ok := it.Expr.(*tsql.StarExpr); ok {
			cols, err := starColumns(star, tmpl)
			if err != nil {
				return nil, err
			}
			out = append(out, cols...)
			continue
		}
		item := outItem{expr: it.Expr, name: it.Alias}
		if ref, ok := it.Expr.(*tsql.ColumnRef); ok && item.name == "" {
			item.name = ref.Name.Object()
		}
		out = append(out, item)
	}
	return out, nil
}

// project evaluates the select list and the ORDER BY keys of each row
// (or group).
func (r *run) project(st *tsql.SelectStmt, items []outItem, rows []*scope) ([][]value, [][]value, error) {
	out := make([][]value, 0, len(rows))
	keys := make([][]value, 0, len(rows))
	for _, sc := range rows {
		vals := make([]value, len(items))
		sc.out = map[string]value{}
		for i, it := range items {
			v, err := r.eval(it.expr, sc)
			if err != nil {
				return nil, nil, err
			}
			vals[i] = v
			if it.name != "" {
				sc.out[strings.ToLower(it.name)] = v
			}
		}
		k, err := r.orderKeys(st.OrderBy, items, vals, sc)
		if err != nil {
			return nil, nil, err
		}
		out, keys = append(out, vals), append(keys, k)
	}
	return out, keys, nil
}

// orderKeys evaluates ORDER BY: an ordinal, a select-list name, or any
// expression over the row.
func (r *run) orderKeys(order []tsql.OrderItem, items []outItem, vals []value, sc *scope) ([]value, error) {
	keys := make([]value, len(order))
	for i, o := range order {
		if n, ok := o.Expr.(*tsql.NumberLit); ok && n.Kind == tsql.Integer {
			k, _ := n.Int64()
			if k < 1 || int(k) > len(vals) {
				return nil, unsupported(fmt.Sprintf("ORDER BY position %d", k))
			}
			keys[i] = vals[k-1]
			continue
		}
		if v, ok := outputByName(o.Expr, items, vals); ok {
			keys[i] = v
			continue
		}
		v, err := r.eval(o.Expr, sc)
		if err != nil {
			return nil, err
		}
		keys[i] = v
	}
	return keys, nil
}

// outputByName finds an ORDER BY name among the select-list names.
func outputByName(e tsql.Expr, items []outItem, vals []value) (value, bool) {
	ref, ok := e.(*tsql.ColumnRef)
	if !ok || len(ref.Name.Parts) != 1 {
		return value{}, false
	}
	for i, it := range items {
		if strings.EqualFold(it.name, ref.Name.Object()) {
			return vals[i], true
		}
	}
	return value{}, false
}

// shape sorts by the ORDER BY keys and applies DISTINCT.
func (r *run) shape(st *tsql.SelectStmt, rows, keys [][]value) [][]value {
	if len(st.OrderBy) > 0 {
		idx := make([]int, len(rows))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return compareKeys(st.OrderBy, keys[a], keys[b]) })
		sorted, sortedKeys := make([][]value, len(rows)), make([][]value, len(rows))
		for i, j := range idx {
			sorted[i], sortedKeys[i] = rows[j], keys[j]
		}
		copy(rows, sorted)
		copy(keys, sortedKeys)
	}
	if st.Distinct {
		return distinct(rows)
	}
	return rows
}

// compareKeys orders two rows by their ORDER BY keys.
func compareKeys(order []tsql.OrderItem, a, b []value) int {
	for i, o := range order {
		c := orderCompare(a[i], b[i])
		if o.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// distinct drops repeated rows, keeping the first.
func distinct(rows [][]value) [][]value {
	seen := map[string]bool{}
	out := rows[:0:0]
	for _, row := range rows {
		var b strings.Builder
		for _, v := range row {
			if v.v == nil {
				b.WriteString("\x00N")
			} else {
				b.WriteString(fmt.Sprintf("\x00%T:%s", v.v, foldText(toText(v, -1))))
			}
		}
		if k := b.String(); !seen[k] {
			seen[k] = true
			out = append(out, row)
		}
	}
	return out
}

// top applies TOP (n) [PERCENT] [WITH TIES] and SET ROWCOUNT.
func (r *run) top(st *tsql.SelectStmt, rows, keys [][]value) ([][]value, error) {
	limit := int64(len(rows))
	if st.Top != nil {
		v, err := r.eval(st.Top.Count, nil)
		if err != nil {
			return nil, err
		}
		n, err := argInt(v)
		if err != nil {
			return nil, err
		}
		if st.Top.Percent {
			n = (int64(len(rows))*n + 99) / 100
		}
		limit = min(limit, max(n, 0))
		if st.Top.WithTies && len(st.OrderBy) > 0 && !st.Distinct {
			for limit > 0 && limit < int64(len(rows)) && compareKeys(st.OrderBy, keys[limit-1], keys[limit]) == 0 {
				limit++
			}
		}
	}
	if rc := r.s.opts.rowcount; rc > 0 {
		limit = min(limit, rc)
	}
	return rows[:limit], nil
}

// finishResult derives the column descriptions: a plain column keeps its
// source metadata, a computed one gets the widest type of its values.
func (r *run) finishResult(items []outItem, rows [][]value, tmpl *scope) (*result, error) {
	cols := make([]sqltype.Column, len(items))
	for i, it := range items {
		cols[i] = r.columnType(it, i, rows, tmpl)
		cols[i].Name = it.name
	}
	return &result{cols: cols, rows: rows}, nil
}

// columnType is the type of output column i.
func (r *run) columnType(it outItem, i int, rows [][]value, tmpl *scope) sqltype.Column {
	if it.col != nil {
		return *it.col
	}
	var t sqlType
	for _, row := range rows {
		t = widen(t, row[i].t)
	}
	if len(rows) == 0 {
		if v, err := r.eval(it.expr, tmpl); err == nil {
			t = v.t
		}
	}
	if ref, ok := it.expr.(*tsql.ColumnRef); ok && len(rows) == 0 {
		if v, err := tmpl.column(ref.Name); err == nil {
			t = v.t
		}
	}
	if t.Type == 0 {
		t = intT()
	}
	t.Nullable = true
	return t
}

// send writes a result set with its DONE.
func (r *run) send(res *result) error {
	fitColumns(res)
	rows := make([][]any, len(res.rows))
	for i, row := range res.rows {
		vals, err := wireRow(res.cols, row)
		if err != nil {
			return err
		}
		rows[i] = vals
	}
	if err := r.w.Columns(res.cols); err != nil {
		return err
	}
	for _, vals := range rows {
		if err := r.w.Row(vals); err != nil {
			return err
		}
	}
	r.s.rowcount = int64(len(rows))
	return r.done(int64(len(rows)))
}

// fitColumns widens character and binary columns whose values are longer
// than the declared length to (max), so no value is ever cut.
func fitColumns(res *result) {
	for i := range res.cols {
		c := &res.cols[i]
		if c.Length <= 0 || !(isString(*c) || c.Type == sqltype.TypeVarBinary) {
			continue
		}
		for _, row := range res.rows {
			if n := valueLen(row[i], *c); n > c.Length {
				c.Length = -1
				break
			}
		}
	}
}

// valueLen is the length of a value in the units of column type c.
func valueLen(v value, c sqltype.Column) int {
	switch x := v.v.(type) {
	case nil:
		return 0
	case []byte:
		return len(x)
	case string:
		return sqltype.TextLength(c.Type, x)
	}
	return sqltype.TextLength(c.Type, toText(v, -1))
}

// done ends a statement with its row count, unless NOCOUNT is on.
func (r *run) done(n int64) error {
	if r.s.opts.nocount {
		n = -1
	}
	return r.w.Done(n)
}

// wireRow converts a row to the column types for the wire.
func wireRow(cols []sqltype.Column, row []value) ([]any, error) {
	out := make([]any, len(row))
	for i, v := range row {
		if v.v == nil {
			continue
		}
		c, err := convert(v, cols[i], -1)
		if err != nil {
			return nil, err
		}
		out[i] = c.v
	}
	return out, nil
}
