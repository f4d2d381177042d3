package engine

import (
	"context"
	"fmt"
)

// CreateTable creates a table (CREATE TABLE); 2714 if the name is taken.
func (s *Session) CreateTable(ctx context.Context, dbName string, def TableDef) error {
	return s.write(ctx, dbName, func(t *txn, db *database) error {
		key := tableKey(def.FullName())
		if def.Schema == "" {
			key = tableKey(def.Name)
		}
		db.mu.Lock()
		defer db.mu.Unlock()
		if db.tables[key] != nil {
			return Raise(2714, def.Name)
		}
		tbl, err := newTable(def)
		if err != nil {
			return err
		}
		db.tables[key] = tbl
		t.record(db, op{kind: opCreateTable, table: key, def: &tbl.def}, undoEntry{kind: opCreateTable, table: key})
		return nil
	})
}

// DropTable drops a table (DROP TABLE); 3701 if it does not exist.
func (s *Session) DropTable(ctx context.Context, dbName, name string) error {
	return s.write(ctx, dbName, func(t *txn, db *database) error {
		key := tableKey(name)
		db.mu.Lock()
		defer db.mu.Unlock()
		old := db.tables[key]
		if old == nil {
			return Raise(3701, "drop", "table", name)
		}
		delete(db.tables, key)
		t.record(db, op{kind: opDropTable, table: key}, undoEntry{kind: opDropTable, table: key, dropped: old})
		return nil
	})
}

// Insert adds rows (INSERT … VALUES). columns names the supplied values in
// each row; nil means every column in table order. Omitted columns get
// their IDENTITY value, DEFAULT or NULL. It returns the row count.
func (s *Session) Insert(ctx context.Context, dbName, tableName string, columns []string, rows []Row) (int64, error) {
	var n int64
	err := s.writeTable(ctx, dbName, tableName, func(t *txn, db *database, tbl *table) error {
		pos, err := insertPositions(tbl, columns)
		if err != nil {
			return err
		}
		for _, in := range rows {
			ident, err := db.insertRow(t, tbl, pos, in, s.inst.target(db, tbl, "INSERT"))
			if err != nil {
				return err
			}
			if ident != nil {
				s.setIdentity(*ident)
			}
			n++
		}
		return nil
	})
	return n, err
}

// writeTable runs a row-changing statement on one table with the
// database locked.
func (s *Session) writeTable(ctx context.Context, dbName, tableName string, fn func(*txn, *database, *table) error) error {
	return s.write(ctx, dbName, func(t *txn, db *database) error {
		db.mu.Lock()
		defer db.mu.Unlock()
		tbl, err := db.table(tableName)
		if err != nil {
			return err
		}
		return fn(t, db, tbl)
	})
}

// table finds a table by name or raises 208; the caller holds db.mu.
func (db *database) table(name string) (*table, error) {
	if t := db.tables[tableKey(name)]; t != nil {
		return t, nil
	}
	return nil, Raise(208, name)
}

// target describes a table for write-error messages.
func (i *Instance) target(db *database, t *table, op string) writeTarget {
	return writeTarget{table: db.info.Name + "." + t.def.FullName(), op: op, verboseTrc: i.opts.VerboseTruncation}
}

// insertPositions maps supplied columns to table positions.
func insertPositions(t *table, columns []string) ([]int, error) {
	if columns == nil {
		pos := make([]int, 0, len(t.def.Columns))
		for k, c := range t.def.Columns {
			if c.Identity == nil {
				pos = append(pos, k)
			}
		}
		return pos, nil
	}
	pos := make([]int, len(columns))
	for k, name := range columns {
		if pos[k] = columnIndex(t.def.Columns, name); pos[k] < 0 {
			return nil, Raise(207, name)
		}
	}
	return pos, nil
}

// insertRow builds and stores one row and returns the IDENTITY value it
// took, if any; the caller holds db.mu.
func (db *database) insertRow(t *txn, tbl *table, pos []int, in Row, w writeTarget) (*int64, error) {
	if len(in) != len(pos) {
		return nil, fmt.Errorf("engine: %d values for %d columns", len(in), len(pos))
	}
	given := make(map[int]any, len(pos))
	for k, p := range pos {
		given[p] = in[k]
	}
	undo := undoEntry{kind: opInsert, ident: tbl.identity, idUsed: tbl.idUsed}
	row, identSet, err := buildRow(tbl, given, w)
	if err == nil {
		err = tbl.put(tbl.nextRowID, row, nil)
	}
	if err != nil {
		tbl.identity, tbl.idUsed = undo.ident, undo.idUsed
		return nil, err
	}
	undo.table, undo.id = tableKey(tbl.def.FullName()), tbl.nextRowID-1
	o := op{kind: opInsert, table: undo.table, id: undo.id, row: row, identSet: identSet, ident: tbl.identity}
	t.record(db, o, undo)
	if !identSet {
		return nil, nil
	}
	ident := tbl.identity
	return &ident, nil
}

// buildRow fills every column of a new row from the given values.
func buildRow(tbl *table, given map[int]any, w writeTarget) (Row, bool, error) {
	row := make(Row, len(tbl.def.Columns))
	identSet := false
	for k, c := range tbl.def.Columns {
		v, ok := given[k]
		switch {
		case c.Identity != nil && ok:
			return nil, false, Raise(544, tbl.def.FullName())
		case c.Identity != nil:
			row[k], identSet = tbl.nextIdentity(c.Identity), true
			continue
		case !ok && c.HasDefault:
			v = c.Default
		}
		cv, err := coerce(c, v, w)
		if err != nil {
			return nil, false, err
		}
		row[k] = cv
	}
	return row, identSet, nil
}

// Update changes the rows where returns true (UPDATE … WHERE): set
// receives a copy of each row and returns the new values, which are
// coerced to the column types. where and set run under the database lock
// and must not call back into the engine. It returns the row count.
func (s *Session) Update(ctx context.Context, dbName, tableName string, where func(Row) (bool, error), set func(Row) (Row, error)) (int64, error) {
	var n int64
	err := s.writeTable(ctx, dbName, tableName, func(t *txn, db *database, tbl *table) error {
		return eachMatch(tbl, where, func(id int64, old Row) error {
			n++
			return db.updateRow(t, tbl, id, old, set, s.inst.target(db, tbl, "UPDATE"))
		})
	})
	return n, err
}

// updateRow replaces one row; the caller holds db.mu.
func (db *database) updateRow(t *txn, tbl *table, id int64, old Row, set func(Row) (Row, error), w writeTarget) error {
	in, err := set(append(Row(nil), old...))
	if err != nil {
		return err
	}
	if len(in) != len(tbl.def.Columns) {
		return fmt.Errorf("engine: update returned %d values for %d columns", len(in), len(tbl.def.Columns))
	}
	row := make(Row, len(tbl.def.Columns))
	for k, c := range tbl.def.Columns {
		if row[k], err = coerce(c, in[k], w); err != nil {
			return err
		}
	}
	if err := tbl.put(id, row, old); err != nil {
		return err
	}
	key := tableKey(tbl.def.FullName())
	t.record(db, op{kind: opUpdate, table: key, id: id, row: row}, undoEntry{kind: opUpdate, table: key, id: id, before: old})
	return nil
}

// Delete removes the rows where returns true (DELETE … WHERE) and returns
// the row count.
func (s *Session) Delete(ctx context.Context, dbName, tableName string, where func(Row) (bool, error)) (int64, error) {
	var n int64
	err := s.writeTable(ctx, dbName, tableName, func(t *txn, db *database, tbl *table) error {
		key := tableKey(tbl.def.FullName())
		return eachMatch(tbl, where, func(id int64, old Row) error {
			n++
			tbl.remove(id)
			t.record(db, op{kind: opDelete, table: key, id: id}, undoEntry{kind: opDelete, table: key, id: id, before: old})
			return nil
		})
	})
	return n, err
}

// eachMatch calls fn for every row where accepts, in row order; a nil
// where matches every row.
func eachMatch(tbl *table, where func(Row) (bool, error), fn func(int64, Row) error) error {
	for _, id := range tbl.ids() {
		r := tbl.rows[id]
		if where != nil {
			ok, err := where(r)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		}
		if err := fn(id, r); err != nil {
			return err
		}
	}
	return nil
}
