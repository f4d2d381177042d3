package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// source is one table of a FROM clause bound to its current row.
type source struct {
	alias string // alias, or the object name
	name  string // schema.object or object, lower case
	cols  []sqltype.Column
	row   []any
}

// scope is what names resolve against while a row is evaluated: the
// current rows of the FROM sources, the enclosing query's scope
// (correlated subqueries), the rows of the current group when
// aggregating, and the select-list aliases for ORDER BY.
type scope struct {
	srcs  []*source
	outer *scope
	group []*scope
	out   map[string]value
}

// column resolves a column reference.
func (sc *scope) column(n tsql.Name) (value, error) {
	col := n.Object()
	qual := strings.ToLower(strings.Join(n.Parts[:len(n.Parts)-1], "."))
	for s := sc; s != nil; s = s.outer {
		v, found, err := s.lookup(qual, col)
		if err != nil || found {
			return v, err
		}
		if qual == "" && s.out != nil {
			if v, ok := s.out[strings.ToLower(col)]; ok {
				return v, nil
			}
		}
	}
	if qual != "" {
		return value{}, engine.Raise(4104, n.String())
	}
	return value{}, engine.Raise(207, col)
}

// lookup finds a column among the sources; two matches are ambiguous.
func (sc *scope) lookup(qual, col string) (value, bool, error) {
	var hit *value
	for _, src := range sc.srcs {
		if qual != "" && !src.matches(qual) {
			continue
		}
		for i, c := range src.cols {
			if !strings.EqualFold(c.Name, col) {
				continue
			}
			if hit != nil {
				return value{}, true, engine.Raise(209, col)
			}
			v := value{nil, c}
			if src.row != nil {
				v.v = src.row[i]
			}
			hit = &v
		}
	}
	if hit == nil {
		return value{}, false, nil
	}
	return *hit, true, nil
}

// matches reports whether a qualifier (alias, object, schema.object or
// db.schema.object) names this source.
func (s *source) matches(qual string) bool {
	if qual == strings.ToLower(s.alias) || qual == s.name {
		return true
	}
	return strings.HasSuffix(qual, "."+s.name) || strings.HasSuffix(s.name, "."+qual)
}

// first returns the scope of the group's first row (the values of
// non-aggregated columns), or an all-NULL row scope for an empty group.
func (sc *scope) first() *scope {
	if len(sc.group) > 0 {
		return sc.group[0]
	}
	empty := &scope{outer: sc.outer}
	for _, s := range sc.srcs {
		empty.srcs = append(empty.srcs, &source{alias: s.alias, name: s.name, cols: s.cols})
	}
	return empty
}
