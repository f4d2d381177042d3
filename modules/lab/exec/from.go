package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// tableName resolves a table name to the database ("" for the current
// one) and the name the engine knows it by.
func (r *run) tableName(n tsql.Name) (db, name string) {
	if object := n.Object(); isTempTable(object) {
		return "tempdb", "dbo." + r.s.tempName(object)
	}
	name = n.Object()
	if s := n.Schema(); s != "" {
		name = s + "." + name
	} else if n.Database() != "" {
		name = "dbo." + name // db..object
	}
	return n.Database(), name
}

// relation loads a table or system view as a source and its rows.
func (r *run) relation(t tsql.TableRef) (*source, [][]any, error) {
	if r.noLocks {
		return nil, nil, unsupported("a subquery that reads a table inside UPDATE or DELETE")
	}
	db, name := r.tableName(t.Name)
	rel, err := r.s.eng.Relation(db, name)
	if err != nil {
		return nil, nil, err
	}
	src := &source{alias: t.Alias, name: strings.ToLower(name), cols: rel.Columns()}
	if src.alias == "" {
		src.alias = t.Name.Object()
	}
	var rows [][]any
	for row := range rel.Rows() {
		rows = append(rows, row)
	}
	return src, rows, nil
}

// fromRows returns one scope per row of the FROM clause (with joins), or
// a single empty scope without FROM, and a template scope holding the
// sources with NULL rows (for * and result types when no row qualifies).
func (r *run) fromRows(st *tsql.SelectStmt, outer *scope) ([]*scope, *scope, error) {
	tmpl := &scope{outer: outer}
	if st.From == nil {
		return []*scope{{outer: outer}}, tmpl, nil
	}
	src, rows, err := r.relation(*st.From)
	if err != nil {
		return nil, nil, err
	}
	tmpl.srcs = []*source{src}
	out := make([]*scope, len(rows))
	for i, row := range rows {
		out[i] = &scope{srcs: []*source{src.bind(row)}, outer: outer}
	}
	for _, j := range st.Joins {
		if out, err = r.join(out, tmpl, j, outer); err != nil {
			return nil, nil, err
		}
	}
	return out, tmpl, nil
}

// bind returns a copy of the source positioned on row.
func (s *source) bind(row []any) *source {
	c := *s
	c.row = row
	return &c
}

// join combines the rows so far with a joined table: INNER, LEFT and
// CROSS joins by nested loops.
func (r *run) join(left []*scope, tmpl *scope, j tsql.Join, outer *scope) ([]*scope, error) {
	if j.Kind != "INNER" && j.Kind != "LEFT" && j.Kind != "CROSS" {
		return nil, unsupported(j.Kind + " JOIN")
	}
	src, rows, err := r.relation(j.Table)
	if err != nil {
		return nil, err
	}
	tmpl.srcs = append(tmpl.srcs, src)
	var out []*scope
	for _, l := range left {
		matched := false
		for _, row := range rows {
			sc := &scope{srcs: append(append([]*source(nil), l.srcs...), src.bind(row)), outer: outer}
			ok := j.On == nil
			if !ok {
				if ok, err = r.cond(j.On, sc); err != nil {
					return nil, err
				}
			}
			if ok {
				out, matched = append(out, sc), true
			}
		}
		if !matched && j.Kind == "LEFT" {
			out = append(out, &scope{srcs: append(append([]*source(nil), l.srcs...), src.bind(nil)), outer: outer})
		}
	}
	return out, nil
}

// starColumns expands * or t.* into column references with their source
// metadata.
func starColumns(star *tsql.StarExpr, sc *scope) ([]outItem, error) {
	qual := strings.ToLower(star.Qualifier.String())
	var out []outItem
	for _, src := range sc.srcs {
		if qual != "" && !src.matches(strings.ReplaceAll(strings.ReplaceAll(qual, "[", ""), "]", "")) {
			continue
		}
		for _, c := range src.cols {
			ref := &tsql.ColumnRef{Name: tsql.Name{Parts: []string{src.alias, c.Name}}}
			col := c
			out = append(out, outItem{expr: ref, name: c.Name, col: &col})
		}
	}
	if len(out) == 0 {
		if qual != "" {
			return nil, engine.Raise(4104, star.Qualifier.String())
		}
		return nil, unsupported("SELECT * without FROM")
	}
	return out, nil
}

// outItem is one column of a select list after * expansion.
type outItem struct {
	expr tsql.Expr
	name string
	col  *sqltype.Column // the source column metadata, for plain references
}
