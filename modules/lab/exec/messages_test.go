package exec

import (
	"context"
	"database/sql"
	"testing"

	"github.com/golang-sql/sqlexp"
)

// sqlexpMessages collects INFO messages through go-mssqldb's sqlexp
// message loop.
type sqlexpMessages struct{ rm *sqlexp.ReturnMessage }

func (m *sqlexpMessages) opt() *sqlexp.ReturnMessage {
	m.rm = &sqlexp.ReturnMessage{}
	return m.rm
}

// drain reads every message and the first column of the first row.
func (m *sqlexpMessages) drain(t *testing.T, rows *sql.Rows) ([]string, string) {
	t.Helper()
	var msgs []string
	first := ""
	for active := true; active; {
		switch v := m.rm.Message(context.Background()).(type) {
		case sqlexp.MsgNotice:
			msgs = append(msgs, v.Message.String())
		case sqlexp.MsgNext:
			for rows.Next() {
				if err := rows.Scan(&first); err != nil {
					t.Fatal(err)
				}
			}
		case sqlexp.MsgError:
			t.Fatal(v.Error)
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		}
	}
	return msgs, first
}
