package exec

import (
	"context"
	"errors"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// run executes one request (a batch, an RPC or a dynamic SQL string): it
// holds the variables of the batch and the control-flow state.
type run struct {
	s    *session
	ctx  context.Context
	w    tds.ResultWriter
	vars map[string]*variable

	inTry   int          // depth of enclosing TRY blocks
	caught  *caughtError // the error a CATCH block handles
	retVal  *int64       // RETURN's value
	depth   int          // nesting of EXEC ('…') and sp_executesql
	proc    string       // procedure name for ERROR tokens
	noLocks bool         // inside an engine callback: no engine calls
	subs    map[tsql.Expr][]value
}

func newRun(s *session, ctx context.Context, w tds.ResultWriter) *run {
	return &run{s: s, ctx: ctx, w: w, vars: map[string]*variable{}}
}

// flow is how a statement ends.
type flow int

const (
	flowNext flow = iota
	flowBreak
	flowContinue
	flowReturn
)

// stmtError is a SQL Server error raised by a statement: the chain of
// messages, the statement's line and whether it ends the batch.
type stmtError struct {
	errs  []*engine.Error
	line  int
	abort bool
}

func (e *stmtError) Error() string { return engine.Errors(e.errs).Error() }

// errBatchAborted ends a batch after a batch-aborting error was reported.
var errBatchAborted = errors.New("exec: batch aborted")

// caughtError is what ERROR_NUMBER() and friends return in a CATCH block.
type caughtError struct {
	err  *engine.Error
	line int
	errs []*engine.Error
}

// batchAborting lists the errors after which SQL Server stops the batch:
// compilation and name-resolution errors and conversion failures.
func batchAborting(n int32) bool {
	switch n {
	case 102, 105, 137, 134, 156, 174, 195, 207, 208, 209, 213, 241, 245, 4104, 8114, 8169, 109, 110, 40517:
		return true
	}
	return false
}

// asStmtError wraps a SQL Server error from a statement at line; other
// errors pass through.
func asStmtError(err error, line int) error {
	var se *stmtError
	if err == nil || errors.As(err, &se) {
		return err
	}
	chain := engine.SQLErrors(err)
	if chain == nil {
		return err
	}
	abort := false
	for _, e := range chain {
		abort = abort || batchAborting(e.Number)
	}
	return &stmtError{errs: chain, line: line, abort: abort}
}

// execList runs statements in order. A statement error is reported and
// the next statement runs, unless the error aborts the batch or a TRY
// block is active (then the error goes up to it).
func (r *run) execList(stmts []tsql.Stmt) error {
	for _, st := range stmts {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		f, err := r.execStmt(st)
		if err != nil {
			if err = r.handle(err); err != nil {
				return err
			}
			continue
		}
		if f != flowNext {
			return flowSignal(f)
		}
	}
	return nil
}

// flowError carries BREAK, CONTINUE and RETURN up through execList.
type flowError flow

func (f flowError) Error() string { return "exec: control flow" }

func flowSignal(f flow) error { return flowError(f) }

// handle reports a statement error when no TRY block catches it and
// decides whether the batch goes on.
func (r *run) handle(err error) error {
	var se *stmtError
	if !errors.As(err, &se) || r.inTry > 0 {
		return err
	}
	if rerr := r.report(se); rerr != nil {
		return rerr
	}
	if r.s.opts.xactAbort && r.s.eng.TranCount() > 0 {
		_ = r.s.eng.Rollback()
		if terr := r.syncTran(false); terr != nil {
			return terr
		}
		return errBatchAborted
	}
	if se.abort {
		return errBatchAborted
	}
	return nil
}

// report sends the messages of a statement error to the client.
func (r *run) report(se *stmtError) error {
	for _, e := range se.errs {
		msg := e.SQLError()
		msg.LineNo, msg.ProcName = int32(se.line), r.proc
		send := r.w.Error
		if e.IsInfo() {
			send = r.w.Info
		}
		if err := send(msg); err != nil {
			return err
		}
		r.s.lastError = e.Number
	}
	if terminatesStatement(se.errs) {
		if err := r.w.Info(r.sqlMessage(engine.Raise(3621), se.line)); err != nil {
			return err
		}
	}
	return r.w.Done(-1)
}

// terminatesStatement reports whether SQL Server follows the error with
// 3621 "The statement has been terminated.".
func terminatesStatement(errs []*engine.Error) bool {
	switch errs[len(errs)-1].Number {
	case 515, 544, 2627, 8152, 2628, 8115:
		return true
	}
	return false
}

// sqlMessage converts an engine message for the wire at line.
func (r *run) sqlMessage(e *engine.Error, line int) *sqltype.Error {
	m := e.SQLError()
	m.LineNo, m.ProcName = int32(line), r.proc
	return m
}

// finish ends a request: an error that escaped every handler is reported
// (a statement error) or returned to the TDS layer (cancel, kill).
func (r *run) finish(err error) error {
	var se *stmtError
	var fe flowError
	switch {
	case err == nil, errors.Is(err, errBatchAborted), errors.As(err, &fe):
		return nil
	case errors.As(err, &se):
		r.inTry = 0
		if rerr := r.report(se); rerr != nil {
			return rerr
		}
		return nil
	}
	return err
}

// execStmt runs one statement and wraps its SQL errors with its line.
func (r *run) execStmt(st tsql.Stmt) (flow, error) {
	f, err := r.dispatch(st)
	if err != nil {
		return flowNext, asStmtError(r.s.userNames(err), st.Position().Line)
	}
	r.s.lastError = 0
	return f, nil
}

// dispatch selects the executor of a statement.
func (r *run) dispatch(st tsql.Stmt) (flow, error) {
	if err := r.implicitBegin(st); err != nil {
		return flowNext, err
	}
	switch x := st.(type) {
	case *tsql.IfStmt, *tsql.BlockStmt, *tsql.WhileStmt, *tsql.TryCatchStmt, *tsql.BreakStmt,
		*tsql.ContinueStmt, *tsql.ReturnStmt:
		return r.control(st)
	case *tsql.SelectStmt:
		return flowNext, r.selectStmt(x)
	}
	return flowNext, r.simple(st)
}

// simple runs the statements that do not change control flow.
func (r *run) simple(st tsql.Stmt) error {
	switch x := st.(type) {
	case *tsql.UseStmt:
		return r.use(x)
	case *tsql.DeclareStmt:
		return r.declare(x)
	case *tsql.SetVarStmt:
		return r.setVar(x)
	case *tsql.SetOptionStmt:
		return r.setOption(x)
	case *tsql.PrintStmt:
		return r.print(x)
	case *tsql.RaiserrorStmt:
		return r.raiserror(x)
	case *tsql.ThrowStmt:
		return r.throw(x)
	case *tsql.TranStmt:
		return r.tran(x)
	case *tsql.ExecStmt:
		return r.execProc(x)
	}
	return r.dataStmt(st)
}

// dataStmt runs DML, DDL and the server statements.
func (r *run) dataStmt(st tsql.Stmt) error {
	if err := r.refuseInTran(st); err != nil {
		return err
	}
	switch x := st.(type) {
	case *tsql.InsertStmt:
		return r.insert(x)
	case *tsql.UpdateStmt:
		return r.update(x)
	case *tsql.DeleteStmt:
		return r.delete(x)
	case *tsql.TruncateStmt:
		return r.truncate(x)
	case *tsql.CreateTableStmt:
		return r.createTable(x)
	case *tsql.DropTableStmt:
		return r.dropTable(x)
	case *tsql.CreateDatabaseStmt:
		return r.createDatabase(x)
	case *tsql.DropDatabaseStmt:
		return r.dropDatabase(x)
	case *tsql.AlterDatabaseStmt:
		return r.alterDatabase(x)
	}
	return r.serverStmt(st)
}

// serverStmt runs KILL, WAITFOR, CHECKPOINT, BACKUP, RESTORE, ENDPOINT
// DDL, CREATE/DROP LOGIN, GRANT and REVOKE; anything
// else is a statement the lab does not implement.
func (r *run) serverStmt(st tsql.Stmt) error {
	switch x := st.(type) {
	case *tsql.KillStmt:
		return r.kill(x)
	case *tsql.WaitforStmt:
		return r.waitfor(x)
	case *tsql.CheckpointStmt:
		// On a full data disk the lab defers the checkpoint (nothing is
		// lost: the WAL keeps the changes); SQL Server writes the pages
		// into its preallocated data files and CHECKPOINT succeeds.
		if err := r.s.h.inst.Checkpoint(r.ctx); !errors.Is(err, engine.ErrCheckpointDeferred) {
			return err
		}
		return nil
	case *tsql.BackupStmt:
		return r.backup(x)
	case *tsql.RestoreStmt:
		return r.restore(x)
	case *tsql.EndpointStmt:
		return r.endpoint(x)
	case *tsql.PermissionStmt:
		return r.permission(x)
	case *tsql.CreateLoginStmt:
		return r.createLogin(x)
	case *tsql.DropLoginStmt:
		return r.dropLogin(x)
	}
	return unsupported(stmtName(st))
}

// stmtName names a statement for 40517: its first words.
func stmtName(st tsql.Stmt) string {
	s := st.String()
	words := 0
	for i, c := range s {
		if c == ' ' {
			if words++; words == 2 {
				return s[:i]
			}
		}
	}
	return s
}
