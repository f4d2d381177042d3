package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// insert runs INSERT … VALUES, INSERT … SELECT and INSERT … DEFAULT
// VALUES, reporting the row count.
func (r *run) insert(st *tsql.InsertStmt) error {
	if st.Exec != nil {
		return r.insertExec(st)
	}
	db, name := r.tableName(st.Table)
	def, err := r.s.eng.TableDefinition(db, name)
	if err != nil {
		return err
	}
	rows, err := r.insertRows(st, def)
	if err != nil {
		return err
	}
	cols := st.Columns
	if st.Default {
		cols = []string{}
	}
	n, err := r.s.eng.Insert(r.ctx, db, name, cols, rows)
	if err != nil {
		return err
	}
	return r.affected(n)
}

// affected records and reports a DML row count.
func (r *run) affected(n int64) error {
	r.s.rowcount = n
	return r.done(n)
}

// insertRows evaluates the rows to insert and checks their width (109,
// 110, 213).
func (r *run) insertRows(st *tsql.InsertStmt, def engine.TableDef) ([]engine.Row, error) {
	want := len(st.Columns)
	if want == 0 {
		want = insertableColumns(def)
	}
	var rows []engine.Row
	var err error
	switch {
	case st.Default:
		return []engine.Row{{}}, nil
	case st.Select != nil:
		rows, err = r.selectRows(st.Select)
	default:
		rows, err = r.valueRows(st, def)
	}
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if err := widthError(len(row), want, len(st.Columns) > 0); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// widthError compares a row's value count with the target columns.
func widthError(got, want int, listed bool) error {
	switch {
	case got == want:
		return nil
	case !listed:
		return engine.Raise(213)
	case got < want:
		return engine.Raise(109)
	}
	return engine.Raise(110)
}

// insertableColumns counts the columns an INSERT without a column list
// fills: all but the IDENTITY column.
func insertableColumns(def engine.TableDef) int {
	n := 0
	for _, c := range def.Columns {
		if c.Identity == nil {
			n++
		}
	}
	return n
}

// valueRows evaluates VALUES rows; DEFAULT takes the column's default.
func (r *run) valueRows(st *tsql.InsertStmt, def engine.TableDef) ([]engine.Row, error) {
	targets := st.Columns
	if len(targets) == 0 {
		for _, c := range def.Columns {
			if c.Identity == nil {
				targets = append(targets, c.Name)
			}
		}
	}
	rows := make([]engine.Row, len(st.Values))
	for i, exprs := range st.Values {
		row := make(engine.Row, len(exprs))
		for j, e := range exprs {
			if _, ok := e.(*tsql.DefaultExpr); ok && j < len(targets) {
				row[j] = columnDefault(def, targets[j])
				continue
			}
			v, err := r.eval(e, nil)
			if err != nil {
				return nil, err
			}
			row[j] = v.v
		}
		rows[i] = row
	}
	return rows, nil
}

// columnDefault is the default value of a column (NULL without one).
func columnDefault(def engine.TableDef, name string) any {
	for _, c := range def.Columns {
		if strings.EqualFold(c.Name, name) && c.HasDefault {
			return c.Default
		}
	}
	return nil
}

// selectRows runs the SELECT of INSERT … SELECT.
func (r *run) selectRows(q *tsql.SelectStmt) ([]engine.Row, error) {
	res, err := r.query(q, nil)
	if err != nil {
		return nil, err
	}
	rows := make([]engine.Row, len(res.rows))
	for i, row := range res.rows {
		out := make(engine.Row, len(row))
		for j, v := range row {
			out[j] = v.v
		}
		rows[i] = out
	}
	return rows, nil
}

// target describes the table an UPDATE or DELETE changes.
type target struct {
	db, name string
	src      *source
}

// target resolves the table of an UPDATE or DELETE and its columns.
func (r *run) target(t tsql.TableRef) (*target, error) {
	db, name := r.tableName(t.Name)
	def, err := r.s.eng.TableDefinition(db, name)
	if err != nil {
		return nil, err
	}
	src := &source{alias: t.Alias, name: strings.ToLower(name)}
	if src.alias == "" {
		src.alias = t.Name.Object()
	}
	for _, c := range def.Columns {
		src.cols = append(src.cols, c.Column)
	}
	return &target{db: db, name: name, src: src}, nil
}

// rowCond builds the engine's row filter from WHERE; it runs inside the
// engine's lock, so it may not call the engine.
func (r *run) rowCond(tg *target, where tsql.Expr) func(engine.Row) (bool, error) {
	if where == nil {
		return nil
	}
	return func(row engine.Row) (bool, error) {
		return r.cond(where, &scope{srcs: []*source{tg.src.bind(row)}})
	}
}

// update runs UPDATE t SET … [WHERE …].
func (r *run) update(st *tsql.UpdateStmt) error {
	if st.From != nil || len(st.Joins) > 0 {
		return unsupported("UPDATE FROM")
	}
	tg, err := r.target(st.Table)
	if err != nil {
		return err
	}
	exprs := []tsql.Expr{st.Where}
	for _, a := range st.Set {
		exprs = append(exprs, a.Value)
	}
	if err := r.presubqueries(exprs...); err != nil {
		return err
	}
	set, err := r.setter(tg, st.Set)
	if err != nil {
		return err
	}
	r.noLocks = true
	n, err := r.s.eng.Update(r.ctx, tg.db, tg.name, r.rowCond(tg, st.Where), set)
	r.noLocks, r.subs = false, nil
	if err != nil {
		return err
	}
	return r.affected(n)
}

// setter builds the engine's row update from the SET list: column
// assignments (with compound operators) and @variable assignments.
func (r *run) setter(tg *target, set []tsql.Assignment) (func(engine.Row) (engine.Row, error), error) {
	idx := make([]int, len(set))
	for i, a := range set {
		idx[i] = -1
		if a.Var != "" {
			continue
		}
		for k, c := range tg.src.cols {
			if strings.EqualFold(c.Name, a.Column.Object()) {
				idx[i] = k
			}
		}
		if idx[i] < 0 {
			return nil, engine.Raise(207, a.Column.Object())
		}
	}
	return func(row engine.Row) (engine.Row, error) {
		sc := &scope{srcs: []*source{tg.src.bind(append(engine.Row(nil), row...))}}
		for i, a := range set {
			if err := r.applyAssignment(a, idx[i], row, sc); err != nil {
				return nil, err
			}
		}
		return row, nil
	}, nil
}

// applyAssignment evaluates one SET item against the row's old values.
func (r *run) applyAssignment(a tsql.Assignment, col int, row engine.Row, sc *scope) error {
	if _, ok := a.Value.(*tsql.DefaultExpr); ok && col >= 0 {
		row[col] = nil
		return nil
	}
	v, err := r.eval(a.Value, sc)
	if err != nil {
		return err
	}
	if a.Var != "" {
		if v, err = r.compound(a.Var, a.Op, v); err != nil {
			return err
		}
		return r.assign(a.Var, v)
	}
	if a.Op != "=" {
		old := value{row[col], sc.srcs[0].cols[col]}
		if v, err = arith(strings.TrimSuffix(a.Op, "="), old, v); err != nil {
			return err
		}
	}
	row[col] = v.v
	return nil
}

// delete runs DELETE [FROM] t [WHERE …].
func (r *run) delete(st *tsql.DeleteStmt) error {
	tg, err := r.target(st.Table)
	if err != nil {
		return err
	}
	if err := r.presubqueries(st.Where); err != nil {
		return err
	}
	r.noLocks = true
	n, err := r.s.eng.Delete(r.ctx, tg.db, tg.name, r.rowCond(tg, st.Where))
	r.noLocks, r.subs = false, nil
	if err != nil {
		return err
	}
	return r.affected(n)
}

// truncate runs TRUNCATE TABLE as a DELETE of every row, without a count.
func (r *run) truncate(st *tsql.TruncateStmt) error {
	db, name := r.tableName(st.Table)
	_, err := r.s.eng.Delete(r.ctx, db, name, nil)
	return err
}
