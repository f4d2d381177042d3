package connection

import (
	"database/sql"
	"strings"

	mssql "github.com/microsoft/go-mssqldb"
)

// Result is everything a batch returned: its result sets, the rows it
// changed, its messages (PRINT, RAISERROR ≤ 10, progress) and the partner
// that ran it.
type Result struct {
	Sets         []ResultSet
	RowsAffected int64
	Messages     []string
	Server       string // host[\instance][,port] that ran the batch
}

// ResultSet is one result set: column names and rows of Go values (int64,
// float64, bool, string, time.Time, []byte, nil; decimals and money as
// strings, uniqueidentifiers in their canonical text form).
type ResultSet struct {
	Columns []string
	Rows    [][]any
}

// First returns the first result set, or an empty one.
func (r *Result) First() ResultSet {
	if len(r.Sets) == 0 {
		return ResultSet{}
	}
	return r.Sets[0]
}

// Scalar returns the first column of the first row of the first set, or
// nil.
func (r *Result) Scalar() any {
	s := r.First()
	if len(s.Rows) == 0 || len(s.Rows[0]) == 0 {
		return nil
	}
	return s.Rows[0][0]
}

// readSet reads the rows of the current result set.
func readSet(rows *sql.Rows) (ResultSet, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return ResultSet{}, err
	}
	set := ResultSet{Columns: make([]string, len(types))}
	for i, ct := range types {
		set.Columns[i] = ct.Name()
	}
	for rows.Next() {
		vals := make([]any, len(types))
		ptrs := make([]any, len(types))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return set, err
		}
		for i, ct := range types {
			vals[i] = plain(ct.DatabaseTypeName(), vals[i])
		}
		set.Rows = append(set.Rows, vals)
	}
	return set, nil
}

// plain turns driver values that are bytes on the wire into readable ones.
func plain(typ string, v any) any {
	b, ok := v.([]byte)
	if !ok {
		return v
	}
	switch strings.ToUpper(typ) {
	case "DECIMAL", "NUMERIC", "MONEY", "SMALLMONEY":
		return string(b)
	case "UNIQUEIDENTIFIER":
		var u mssql.UniqueIdentifier
		if u.Scan(b) == nil {
			return u.String()
		}
	}
	return b
}
