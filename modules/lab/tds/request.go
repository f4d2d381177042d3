package tds

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"pcsh/modules/lab/sqltype"
)

// panicError is the message number sent when a handler panics.
const panicError = 50000

// run executes one request and ends its reply.
func (c *conn) run(ctx context.Context, req *request, m message) {
	w := newResponse(c, ctx, nil)
	if m.status&statusResetConnection != 0 {
		c.reset(w)
	}
	err := c.dispatch(ctx, m, w)
	if err = c.finish(req, w, err); err != nil {
		c.srv.logf("tds: connection %d: %v", c.spid, err)
		_ = c.raw.Close()
	}
}

// reset restores the session for a pooled connection (RESETCONNECTION).
func (c *conn) reset(w *response) {
	c.sess.Reset()
	c.database = c.loginDatabase()
	c.tranID = 0
	writeEnvBytes(&w.buf, envResetConnection, nil, nil)
}

// dispatch decodes the request and calls the session, turning a panic into
// a *SQLError.
func (c *conn) dispatch(ctx context.Context, m message, w *response) (err error) {
	defer func() {
		if p := recover(); p != nil {
			c.srv.logf("tds: handler panic: %v\n%s", p, debug.Stack())
			err = &sqltype.Error{Number: panicError, Class: 16, State: 1,
				Message: fmt.Sprintf("Internal lab error: %v", p)}
		}
	}()
	switch m.typ {
	case packetSQLBatch:
		return c.batch(ctx, m.payload, w)
	case packetRPC:
		return c.rpc(ctx, m.payload, w)
	}
	return c.transMgr(ctx, m.payload, w)
}

func (c *conn) batch(ctx context.Context, p []byte, w *response) error {
	sql, _, err := decodeBatch(p)
	if err != nil {
		return err
	}
	return c.sess.Batch(ctx, sql, w)
}

func (c *conn) rpc(ctx context.Context, p []byte, w *response) error {
	call, err := decodeRPC(p)
	if err != nil {
		return err
	}
	w.call = &call
	return c.sess.RPC(ctx, call.proc, call.params, w)
}

// transMgr runs BEGIN/COMMIT/ROLLBACK requests (db.BeginTx) as T-SQL and
// announces the transaction with ENVCHANGE 8, 9 or 10 if the handler did
// not.
func (c *conn) transMgr(ctx context.Context, p []byte, w *response) error {
	sql, kind, err := decodeTransMgr(p)
	if err != nil {
		return err
	}
	if err := c.sess.Batch(ctx, sql, w); err != nil || w.anyErr {
		return err
	}
	if kind == tmBegin && c.tranID == 0 {
		return w.BeginTransaction(uint64(c.spid)<<32 | 1)
	}
	if kind != tmBegin && c.tranID != 0 {
		return w.EndTransaction(kind == tmCommit)
	}
	return nil
}

// finish ends the reply. It holds c.mu so an attention either lands before
// (and the reply ends with DONE_ATTN) or after (and gets its own reply). A
// non-nil result means the connection must close.
func (c *conn) finish(req *request, w *response, err error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() { c.active = nil }()
	var sqlErr *sqltype.Error
	switch {
	case req.attn:
		w.releaseDone(doneMore)
		writeDone(&w.buf, tokenDone, doneAttn, 0, 0)
	case err == nil:
		w.end()
	case errors.As(err, &sqlErr):
		w.releaseDone(doneMore)
		w.errSeen, w.anyErr = true, true
		writeMessageToken(&w.buf, tokenError, withClass(sqlErr), c.srv.cfg.ServerName)
		w.end()
	default:
		return fmt.Errorf("%w: %v", errAborted, err)
	}
	return c.writePackets(w.buf.b, true)
}

// withClass gives a message without a severity the default 16.
func withClass(e *sqltype.Error) *sqltype.Error {
	if e.Class != 0 {
		return e
	}
	c := *e
	c.Class = 16
	return &c
}

// end appends the final DONE (batch) or DONEPROC (RPC).
func (r *response) end() {
	if r.call != nil {
		status := uint16(0)
		if r.anyErr {
			status = doneError
		}
		writeDone(&r.buf, tokenDoneProc, status, 0, 0)
		return
	}
	if r.pending != nil && !r.hasCols && !r.errSeen {
		r.releaseDone(0)
		return
	}
	r.releaseDone(doneMore)
	count := int64(-1)
	if r.hasCols {
		count = r.rows
	}
	d := r.statementDone(count)
	writeDone(&r.buf, tokenDone, d.status, d.curCmd, d.count)
}
