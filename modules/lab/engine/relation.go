package engine

import (
	"iter"
	"slices"
	"strings"

	"pcsh/modules/lab/sqltype"
)

// Relation is anything the executor can SELECT from: a table, a system
// view or a RESTORE … ONLY result. Rows yields a consistent copy taken when
// the relation was obtained.
type Relation interface {
	Columns() []sqltype.Column
	Rows() iter.Seq[Row]
}

// staticRelation is a materialized relation.
type staticRelation struct {
	cols []sqltype.Column
	rows []Row
}

// Columns returns the column descriptions.
func (r *staticRelation) Columns() []sqltype.Column { return r.cols }

// Rows yields the rows in order.
func (r *staticRelation) Rows() iter.Seq[Row] {
	return func(yield func(Row) bool) {
		for _, row := range r.rows {
			if !yield(row) {
				return
			}
		}
	}
}

// Len returns the row count of a relation by iterating it.
func Len(r Relation) int {
	n := 0
	for range r.Rows() {
		n++
	}
	return n
}

// Relation returns the table or system view called name, as seen from
// database dbName ("" for the current database). System views (sys.…)
// resolve in any database; a missing name raises 208.
func (s *Session) Relation(dbName, name string) (Relation, error) {
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.leave()
	if view := s.inst.systemView(strings.ToLower(stripBrackets(name))); view != nil {
		return view, nil
	}
	db, err := s.resolve(dbName)
	if err != nil {
		return nil, err
	}
	return db.snapshotTable(name)
}

// snapshotTable copies a table's rows for reading.
func (db *database) snapshotTable(name string) (Relation, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if err := db.info.accessError(); err != nil {
		return nil, err
	}
	t, err := db.table(name)
	if err != nil {
		return nil, err
	}
	rel := &staticRelation{cols: t.columns(), rows: make([]Row, 0, len(t.rows))}
	for _, id := range t.ids() {
		rel.rows = append(rel.rows, t.rows[id])
	}
	return rel, nil
}

// Tables returns the table names (schema.name) of a database, sorted.
func (s *Session) Tables(dbName string) ([]string, error) {
	db, err := s.resolve(dbName)
	if err != nil {
		return nil, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	var out []string
	for _, t := range db.tables {
		out = append(out, t.def.FullName())
	}
	slices.Sort(out)
	return out, nil
}

// TableDefinition returns a table's definition (for the executor's column
// binding).
func (s *Session) TableDefinition(dbName, name string) (TableDef, error) {
	db, err := s.resolve(dbName)
	if err != nil {
		return TableDef{}, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.table(name)
	if err != nil {
		return TableDef{}, err
	}
	def := t.def
	def.Columns = slices.Clone(def.Columns)
	return def, nil
}
