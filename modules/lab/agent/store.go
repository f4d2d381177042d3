package agent

import (
	"context"
	"sort"
	"strings"

	"pcsh/modules/lab/engine"
)

// Rec is one msdb row keyed by lower-case column name.
type Rec map[string]any

// Str returns a character column ("" for NULL).
func (r Rec) Str(col string) string {
	s, _ := r[col].(string)
	return s
}

// Int returns an integer or bit column (0 for NULL).
func (r Rec) Int(col string) int64 {
	switch v := r[col].(type) {
	case int64:
		return v
	case bool:
		if v {
			return 1
		}
	}
	return 0
}

// GUID returns a uniqueidentifier column (zero for NULL).
func (r Rec) GUID(col string) [16]byte {
	g, _ := r[col].([16]byte)
	return g
}

// Store reads and writes msdb tables through one session, so that the
// writes of a procedure belong to the caller's transaction.
type Store struct {
	Ctx     context.Context
	Session *engine.Session
}

// Select returns the rows of msdb table where where returns true (nil
// matches every row), in storage order.
func (st Store) Select(table string, where func(Rec) bool) ([]Rec, error) {
	rel, err := st.Session.Relation("msdb", table)
	if err != nil {
		return nil, err
	}
	cols := rel.Columns()
	var out []Rec
	for row := range rel.Rows() {
		r := make(Rec, len(cols))
		for k, c := range cols {
			r[strings.ToLower(c.Name)] = row[k]
		}
		if where == nil || where(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// First returns the first matching row, or nil.
func (st Store) First(table string, where func(Rec) bool) (Rec, error) {
	rows, err := st.Select(table, where)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// Insert adds one row; columns missing from r take their default.
func (st Store) Insert(table string, r Rec) error {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	row := make(engine.Row, len(cols))
	for k, c := range cols {
		row[k] = r[c]
	}
	_, err := st.Session.Insert(st.Ctx, "msdb", table, cols, []engine.Row{row})
	return err
}

// Update changes the matching rows: set receives each row as a Rec and
// changes it in place. It returns the row count.
func (st Store) Update(table string, where func(Rec) bool, set func(Rec)) (int64, error) {
	def, err := st.Session.TableDefinition("msdb", table)
	if err != nil {
		return 0, err
	}
	names := columnNames(def)
	match := func(row engine.Row) (bool, error) { return where == nil || where(toRec(names, row)), nil }
	change := func(row engine.Row) (engine.Row, error) {
		r := toRec(names, row)
		set(r)
		out := make(engine.Row, len(names))
		for k, n := range names {
			out[k] = r[n]
		}
		return out, nil
	}
	return st.Session.Update(st.Ctx, "msdb", table, match, change)
}

// Delete removes the matching rows and returns the count.
func (st Store) Delete(table string, where func(Rec) bool) (int64, error) {
	def, err := st.Session.TableDefinition("msdb", table)
	if err != nil {
		return 0, err
	}
	names := columnNames(def)
	return st.Session.Delete(st.Ctx, "msdb", table, func(row engine.Row) (bool, error) {
		return where == nil || where(toRec(names, row)), nil
	})
}

// columnNames returns the lower-case column names of def.
func columnNames(def engine.TableDef) []string {
	out := make([]string, len(def.Columns))
	for k, c := range def.Columns {
		out[k] = strings.ToLower(c.Name)
	}
	return out
}

// toRec pairs names with row values.
func toRec(names []string, row engine.Row) Rec {
	r := make(Rec, len(names))
	for k, n := range names {
		r[n] = row[k]
	}
	return r
}

// InTransaction runs fn inside a transaction of st's session: committed
// when fn succeeds, rolled back when it fails. An outer transaction of the
// caller is nested, as a procedure's BEGIN TRAN nests.
func (st Store) InTransaction(fn func() error) error {
	if err := st.Session.Begin(); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if st.Session.TranCount() == 1 {
			_ = st.Session.Rollback()
		} else {
			_ = st.Session.Commit()
		}
		return err
	}
	return st.Session.Commit()
}
