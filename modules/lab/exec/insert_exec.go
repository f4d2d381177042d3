package exec

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// INSERT … EXEC (INSERT (Transact-SQL), "execute_statement": "Any valid
// EXECUTE statement that returns data with SELECT or READTEXT
// statements"; "If execute_statement is used with INSERT, each result set
// must be compatible with the columns in the table or in column_list").
// Monitoring tools read procedures this way, for example dbatools'
// Test-DbaDbLogShipStatus:
//
//	INSERT INTO #logshippingstatus (…) EXEC master.sys.sp_help_log_shipping_monitor
//
// The procedure's result sets go into the table, not to the client; its
// messages still reach the client. Sources for the errors: Database engine
// events and errors 0-999 (213) and 8000-8999 (8164 "An INSERT EXEC
// statement cannot be nested.").
func init() {
	engine.RegisterMessages("exec-insert-exec", func() map[int32]engine.Message {
		return map[int32]engine.Message{
			8164: {Severity: 16, State: 1, Text: "An INSERT EXEC statement cannot be nested."},
		}
	})
}

// insertExec runs INSERT … EXEC: the procedure (or EXEC ('…')) runs with
// its result sets captured, then every row of every result set is
// inserted into the table in one statement.
func (r *run) insertExec(st *tsql.InsertStmt) error {
	if r.s.insertExec {
		return engine.Raise(8164)
	}
	db, name := r.tableName(st.Table)
	def, err := r.s.eng.TableDefinition(db, name)
	if err != nil {
		return err
	}
	rows, err := r.capturedRows(st.Exec)
	if err != nil {
		return err
	}
	want := len(st.Columns)
	if want == 0 {
		want = insertableColumns(def)
	}
	for _, row := range rows {
		if len(row) != want {
			return engine.Raise(213)
		}
	}
	if len(rows) == 0 {
		return r.affected(0)
	}
	n, err := r.s.eng.Insert(r.ctx, db, name, st.Columns, rows)
	if err != nil {
		return err
	}
	return r.affected(n)
}

// capturedRows runs an EXEC statement with its result sets captured.
func (r *run) capturedRows(st *tsql.ExecStmt) ([]engine.Row, error) {
	cw := &captureWriter{ResultWriter: r.w}
	saved := r.w
	r.w, r.s.insertExec = cw, true
	err := r.execProc(st)
	r.w, r.s.insertExec = saved, false
	return cw.rows, err
}

// captureWriter keeps the rows of the result sets written to it and
// passes messages, transaction and environment changes through; row
// counts of the captured statements are not sent.
type captureWriter struct {
	tds.ResultWriter
	rows []engine.Row
}

// Columns starts a captured result set.
func (c *captureWriter) Columns([]sqltype.Column) error { return nil }

// Row keeps one captured row.
func (c *captureWriter) Row(values []any) error {
	c.rows = append(c.rows, append(engine.Row(nil), values...))
	return nil
}

// Done drops a captured statement's row count.
func (c *captureWriter) Done(int64) error { return nil }

// BeginTransaction passes a transaction descriptor through.
func (c *captureWriter) BeginTransaction(id uint64) error {
	if tw, ok := c.ResultWriter.(tds.TransactionWriter); ok {
		return tw.BeginTransaction(id)
	}
	return nil
}

// EndTransaction passes the end of a transaction through.
func (c *captureWriter) EndTransaction(commit bool) error {
	if tw, ok := c.ResultWriter.(tds.TransactionWriter); ok {
		return tw.EndTransaction(commit)
	}
	return nil
}
