package exec

import (
	"fmt"
	"strings"

	"pcsh/modules/lab/tsql"
)

// grouped turns rows into group scopes when the query groups or
// aggregates, and applies HAVING. Without GROUP BY an aggregate query is
// one group, even over no rows.
func (r *run) grouped(st *tsql.SelectStmt, rows []*scope, tmpl *scope) ([]*scope, error) {
	if len(st.GroupBy) == 0 && !queryAggregates(st) {
		if st.Having != nil {
			return nil, unsupported("HAVING without GROUP BY or aggregates")
		}
		return rows, nil
	}
	groups, err := r.groups(st.GroupBy, rows, tmpl)
	if err != nil {
		return nil, err
	}
	if st.Having == nil {
		return groups, nil
	}
	out := groups[:0:0]
	for _, g := range groups {
		ok, err := r.cond(st.Having, g)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, g)
		}
	}
	return out, nil
}

// queryAggregates reports whether the select list, HAVING or ORDER BY
// aggregate.
func queryAggregates(st *tsql.SelectStmt) bool {
	exprs := []tsql.Expr{st.Having}
	for _, it := range st.Columns {
		exprs = append(exprs, it.Expr)
	}
	for _, o := range st.OrderBy {
		exprs = append(exprs, o.Expr)
	}
	return hasAggregate(exprs...)
}

// groups partitions rows by the GROUP BY values, in order of first
// appearance.
func (r *run) groups(by []tsql.Expr, rows []*scope, tmpl *scope) ([]*scope, error) {
	if len(by) == 0 {
		return []*scope{{srcs: tmpl.srcs, outer: tmpl.outer, group: append([]*scope{}, rows...)}}, nil
	}
	index := map[string]*scope{}
	var out []*scope
	for _, sc := range rows {
		key, err := r.groupKey(by, sc)
		if err != nil {
			return nil, err
		}
		g := index[key]
		if g == nil {
			g = &scope{srcs: sc.srcs, outer: sc.outer, group: []*scope{}}
			index[key] = g
			out = append(out, g)
		}
		g.group = append(g.group, sc)
	}
	return out, nil
}

// groupKey encodes a row's GROUP BY values; strings compare
// case-insensitively.
func (r *run) groupKey(by []tsql.Expr, sc *scope) (string, error) {
	var b strings.Builder
	for _, e := range by {
		v, err := r.eval(e, sc)
		if err != nil {
			return "", err
		}
		if v.v == nil {
			b.WriteString("\x00N")
			continue
		}
		fmt.Fprintf(&b, "\x00%T:%s", v.v, foldText(toText(v, -1)))
	}
	return b.String(), nil
}
