package exec

import "pcsh/modules/lab/tsql"

// implicitBegin starts the transaction SET IMPLICIT_TRANSACTIONS ON opens
// before st when none is open ("SET IMPLICIT_TRANSACTIONS": with
// @@TRANCOUNT = 0, ALTER TABLE, FETCH, REVOKE, BEGIN TRANSACTION, GRANT,
// SELECT from a table, CREATE, INSERT, TRUNCATE TABLE, DELETE, MERGE,
// UPDATE, DROP and OPEN begin a transaction, "equivalent to an unseen
// BEGIN TRANSACTION being executed first"). The statements that may not
// run in a transaction then refuse themselves: CREATE DATABASE with 226,
// DROP DATABASE with 574; ALTER DATABASE, BACKUP and RESTORE start none.
func (r *run) implicitBegin(st tsql.Stmt) error {
	if r.s.opts.recorded["IMPLICIT_TRANSACTIONS"] != "ON" || r.s.eng.TranCount() > 0 || !startsImplicit(st) {
		return nil
	}
	if err := r.s.eng.Begin(); err != nil {
		return err
	}
	return r.syncTran(false)
}

// startsImplicit reports whether st is one of the statements that begin
// an implicit transaction.
func startsImplicit(st tsql.Stmt) bool {
	switch x := st.(type) {
	case *tsql.InsertStmt, *tsql.UpdateStmt, *tsql.DeleteStmt, *tsql.TruncateStmt,
		*tsql.CreateTableStmt, *tsql.DropTableStmt, *tsql.CreateDatabaseStmt, *tsql.DropDatabaseStmt,
		*tsql.CreateLoginStmt, *tsql.DropLoginStmt, *tsql.PermissionStmt:
		return true
	case *tsql.SelectStmt:
		return x.From != nil // "SELECT statements that do not select from a table do not start implicit transactions"
	case *tsql.EndpointStmt:
		return x.Action != "ALTER"
	case *tsql.TranStmt:
		return x.Action == "BEGIN" // two nested transactions
	}
	return false
}

// ansiDefaults are the options SET ANSI_DEFAULTS ON | OFF sets ("SET
// ANSI_DEFAULTS": ANSI_NULLS, ANSI_NULL_DFLT_ON, ANSI_PADDING,
// ANSI_WARNINGS, CURSOR_CLOSE_ON_COMMIT, IMPLICIT_TRANSACTIONS,
// QUOTED_IDENTIFIER).
var ansiDefaults = []string{"ANSI_NULLS", "ANSI_NULL_DFLT_ON", "ANSI_PADDING", "ANSI_WARNINGS",
	"CURSOR_CLOSE_ON_COMMIT", "IMPLICIT_TRANSACTIONS", "QUOTED_IDENTIFIER"}
