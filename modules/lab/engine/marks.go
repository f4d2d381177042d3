package engine

import (
	"context"
	"strings"
	"time"
)

// Marked transactions (BEGIN TRANSACTION, "Marked Transactions"): BEGIN
// TRAN name WITH MARK ['description'] puts the mark in the log of every
// database the transaction updates ("The mark is placed in the
// transaction log only if the database is updated by the marked
// transaction"), as an opMark op of the commit's log record, which RESTORE
// LOG … WITH STOPATMARK / STOPBEFOREMARK = 'name' finds
// (restore_stopat.go). Each committed mark gets one msdb.dbo.logmarkhistory
// row per database ("Contains one row for each marked transaction that has
// been committed"). 3920 (Database engine events and errors 3000-3999, and
// BEGIN TRANSACTION's page: "Msg 3920, Level 16, State 1 … WITH MARK
// option only applies to the first BEGIN TRAN WITH MARK statement. The
// option is ignored.") refuses a second mark.
func init() {
	RegisterMessages("engine-marks", func() map[int32]Message {
		return map[int32]Message{
			3920: {16, 1, "WITH MARK option only applies to the first BEGIN TRAN WITH MARK statement. The option is ignored."},
		}
	})
}

// maxMarkDescription is where a mark's description is cut ("A description
// longer than 128 characters is truncated to 128 characters before being
// stored in the msdb.dbo.logmarkhistory table").
const maxMarkDescription = 128

// logmarkhistoryDef is msdb.dbo.logmarkhistory with its documented columns.
func logmarkhistoryDef() TableDef {
	return TableDef{Schema: "dbo", Name: "logmarkhistory", Columns: []ColumnDef{
		colNVarChar("database_name", 128, false), colNVarChar("mark_name", 128, false),
		colNVarChar("description", 255, true), colNVarChar("user_name", 128, true), colNumeric("lsn", 25, false),
		colDateTime("mark_time", false),
	}}
}

// BeginMarked is BEGIN TRANSACTION name WITH MARK ['description']: it
// starts or nests a transaction and marks it. A transaction that is
// already marked keeps its mark; the nesting still counts and 3920 is
// returned.
func (s *Session) BeginMarked(name, description string) error {
	if err := s.Begin(); err != nil {
		return err
	}
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if s.tx.markName != "" {
		return Raise(3920)
	}
	if r := []rune(description); len(r) > maxMarkDescription {
		description = string(r[:maxMarkDescription])
	}
	s.tx.markName, s.tx.markDesc = name, description
	return nil
}

// committedMark is a mark as one database's log holds it.
type committedMark struct {
	db   string
	lsn  LSN
	time time.Time
}

// markOps appends t's mark to a database's ops, if t is marked.
func (t *txn) markOps(ops []op) []op {
	if t.markName == "" || len(ops) == 0 {
		return ops
	}
	return append(ops, op{kind: opMark, table: t.markName, desc: t.markDesc})
}

// recordMarks writes the logmarkhistory rows of a committed mark. The
// transaction is durable already: a history that cannot be written (an
// msdb that is not ONLINE, a full disk) loses the rows, not the mark in
// the log, as SQL Server's restore to a mark reads the log.
func (i *Instance) recordMarks(t *txn, marks []committedMark) {
	if len(marks) == 0 {
		return
	}
	ctx := context.Background()
	s := i.systemSession()
	if err := s.ensureTable(ctx, "msdb", logmarkhistoryDef()); err != nil {
		return
	}
	rows := make([]Row, len(marks))
	for k, m := range marks {
		rows[k] = Row{m.db, t.markName, nilString(t.markDesc), "dbo", m.lsn.Decimal(), m.time}
	}
	_, _ = s.Insert(ctx, "msdb", "logmarkhistory", nil, rows)
}

// ensureTable creates a system table an instance made by an older lab
// does not have yet.
func (s *Session) ensureTable(ctx context.Context, dbName string, def TableDef) error {
	have, err := s.Tables(dbName)
	if err != nil {
		return err
	}
	for _, n := range have {
		if strings.EqualFold(n, def.FullName()) {
			return nil
		}
	}
	return s.CreateTable(ctx, dbName, def)
}
