package engine

import (
	"slices"
	"strings"
	"time"

	"pcsh/modules/lab/sqltype"
)

// TableDef is the definition a CREATE TABLE maps to.
type TableDef struct {
	Schema         string // "dbo" when empty
	Name           string
	Columns        []ColumnDef
	PrimaryKey     []string // column names; empty for a heap
	PrimaryKeyName string   // constraint name; generated when empty
}

// FullName returns schema.name.
func (d TableDef) FullName() string { return d.Schema + "." + d.Name }

// table is a table's rows, kept by a stable row id in insertion order.
type table struct {
	def       TableDef
	rows      map[int64]Row
	nextRowID int64
	identity  int64 // last identity value handed out
	idUsed    bool  // identity has handed out a value
	pkCols    []int
	pkIndex   map[string]int64
}

// newTable builds an empty table, resolving the primary key columns.
func newTable(def TableDef) (*table, error) {
	if def.Schema == "" {
		def.Schema = "dbo"
	}
	t := &table{def: def, rows: map[int64]Row{}, nextRowID: 1, pkIndex: map[string]int64{}}
	for _, name := range def.PrimaryKey {
		i := columnIndex(def.Columns, name)
		if i < 0 {
			return nil, Raise(207, name)
		}
		t.def.Columns[i].Nullable = false
		t.pkCols = append(t.pkCols, i)
	}
	if len(t.pkCols) > 0 && t.def.PrimaryKeyName == "" {
		t.def.PrimaryKeyName = "PK__" + truncateName(def.Name, 8) + "__" + nameHash(def.FullName())
	}
	return t, nil
}

// truncateName keeps the first n characters of s.
func truncateName(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// nameHash is a deterministic 16-hex-digit suffix for generated names.
func nameHash(s string) string {
	var h uint64 = 14695981039346656037
	for _, c := range []byte(strings.ToLower(s)) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	const hexDigits = "0123456789ABCDEF"
	out := make([]byte, 16)
	for i := range out {
		out[15-i] = hexDigits[h&15]
		h >>= 4
	}
	return string(out)
}

// bracketStripper removes the brackets of quoted identifiers; a Replacer
// is safe for concurrent use and builds its lookup table once.
var bracketStripper = strings.NewReplacer("[", "", "]", "")

// stripBrackets returns name without its brackets.
func stripBrackets(name string) string {
	if !strings.ContainsAny(name, "[]") {
		return name
	}
	return bracketStripper.Replace(name)
}

// tableKey normalizes "name", "schema.name" or bracketed forms to the
// case-insensitive lookup key "schema.name".
func tableKey(name string) string {
	name = stripBrackets(name)
	if !strings.Contains(name, ".") {
		name = "dbo." + name
	}
	return strings.ToLower(name)
}

// ids returns the row ids in insertion order.
func (t *table) ids() []int64 {
	ids := make([]int64, 0, len(t.rows))
	for id := range t.rows {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// pkKey encodes the primary key values of r; "" for a heap.
func (t *table) pkKey(r Row) string {
	if len(t.pkCols) == 0 {
		return ""
	}
	var e enc
	for _, i := range t.pkCols {
		e.value(foldKey(r[i]))
	}
	return string(e.b)
}

// foldKey makes string keys compare case-insensitively, as the default
// collation does, and datetimeoffset keys by their UTC instant.
func foldKey(v any) any {
	switch x := v.(type) {
	case string:
		return strings.ToLower(x)
	case time.Time:
		return x.UTC()
	}
	return v
}

// pkText formats the key for 2627's "The duplicate key value is (…)."
func (t *table) pkText(r Row) string {
	parts := make([]string, len(t.pkCols))
	for i, c := range t.pkCols {
		s, _ := textOf(r[c])
		if r[c] == nil {
			s = "<NULL>"
		}
		parts[i] = s
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// put stores r under id, enforcing the primary key. old is the row being
// replaced (nil for an insert).
func (t *table) put(id int64, r Row, old Row) error {
	key := t.pkKey(r)
	if key != "" {
		if owner, taken := t.pkIndex[key]; taken && owner != id {
			return Raise(2627, "PRIMARY KEY", t.def.PrimaryKeyName, t.def.FullName(), t.pkText(r))
		}
		if old != nil {
			delete(t.pkIndex, t.pkKey(old))
		}
		t.pkIndex[key] = id
	}
	t.rows[id] = r
	if id >= t.nextRowID {
		t.nextRowID = id + 1
	}
	return nil
}

// remove deletes row id.
func (t *table) remove(id int64) {
	r, ok := t.rows[id]
	if !ok {
		return
	}
	if key := t.pkKey(r); key != "" {
		delete(t.pkIndex, key)
	}
	delete(t.rows, id)
}

// nextIdentity hands out the next IDENTITY value.
func (t *table) nextIdentity(id *Identity) int64 {
	if !t.idUsed {
		t.idUsed = true
		t.identity = id.Seed
		return t.identity
	}
	t.identity += id.Increment
	return t.identity
}

// columns returns the result-set description of the table.
func (t *table) columns() []sqltype.Column { return resultColumns(t.def.Columns) }

// clone deep-copies the table structure; rows are shared, being immutable.
func (t *table) clone() *table {
	c := *t
	c.def.Columns = slices.Clone(t.def.Columns)
	c.rows = make(map[int64]Row, len(t.rows))
	for id, r := range t.rows {
		c.rows[id] = r
	}
	c.pkIndex = make(map[string]int64, len(t.pkIndex))
	for k, v := range t.pkIndex {
		c.pkIndex[k] = v
	}
	return &c
}
