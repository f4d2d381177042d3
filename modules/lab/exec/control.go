package exec

import (
	"errors"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// control runs IF, BEGIN…END, WHILE, TRY…CATCH, BREAK, CONTINUE and
// RETURN. BREAK, CONTINUE and RETURN travel up as flowError values.
func (r *run) control(st tsql.Stmt) (flow, error) {
	switch x := st.(type) {
	case *tsql.IfStmt:
		return flowNext, r.ifStmt(x)
	case *tsql.BlockStmt:
		return flowNext, r.execList(x.Stmts)
	case *tsql.WhileStmt:
		return flowNext, r.while(x)
	case *tsql.TryCatchStmt:
		return flowNext, r.tryCatch(x)
	case *tsql.BreakStmt:
		return flowBreak, nil
	case *tsql.ContinueStmt:
		return flowContinue, nil
	}
	return r.returnStmt(st.(*tsql.ReturnStmt))
}

func (r *run) ifStmt(st *tsql.IfStmt) error {
	ok, err := r.cond(st.Cond, nil)
	if err != nil {
		return err
	}
	switch {
	case ok:
		return r.execList([]tsql.Stmt{st.Then})
	case st.Else != nil:
		return r.execList([]tsql.Stmt{st.Else})
	}
	return nil
}

// cond evaluates a predicate: only TRUE counts.
func (r *run) cond(e tsql.Expr, sc *scope) (bool, error) {
	v, err := r.eval(e, sc)
	if err != nil {
		return false, err
	}
	return truth(v.v), nil
}

// while runs the loop until the condition fails, BREAK, or the request is
// cancelled (an attention), so that no loop can hang a session.
func (r *run) while(st *tsql.WhileStmt) error {
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		ok, err := r.cond(st.Cond, nil)
		if err != nil || !ok {
			return err
		}
		err = r.execList([]tsql.Stmt{st.Body})
		var fe flowError
		if errors.As(err, &fe) {
			switch flow(fe) {
			case flowBreak:
				return nil
			case flowContinue:
				continue
			}
		}
		if err != nil {
			return err
		}
	}
}

// tryCatch runs the TRY block; an error of severity above 10 runs the
// CATCH block with ERROR_NUMBER() and friends set.
func (r *run) tryCatch(st *tsql.TryCatchStmt) error {
	r.inTry++
	err := r.execList(st.Try)
	r.inTry--
	var se *stmtError
	if !errors.As(err, &se) {
		return err
	}
	if done := r.w.Done(-1); done != nil {
		return done
	}
	prev := r.caught
	r.caught = &caughtError{err: lastError(se.errs), line: se.line, errs: se.errs}
	r.s.lastError = r.caught.err.Number
	defer func() { r.caught = prev }()
	return r.execList(st.Catch)
}

// lastError is the error a CATCH block sees: the last of the chain (3013
// for a failed BACKUP or RESTORE).
func lastError(errs []*engine.Error) *engine.Error { return errs[len(errs)-1] }

// returnStmt ends the batch or procedure, keeping RETURN's value.
func (r *run) returnStmt(st *tsql.ReturnStmt) (flow, error) {
	if st.Value != nil {
		v, err := r.eval(st.Value, nil)
		if err != nil {
			return flowNext, err
		}
		c, err := convert(v, intT(), -1)
		if err != nil {
			return flowNext, err
		}
		n, _ := c.v.(int64)
		r.retVal = &n
	}
	return flowReturn, nil
}
