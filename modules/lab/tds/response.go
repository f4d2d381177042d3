package tds

import (
	"context"
	"fmt"

	"pcsh/modules/lab/sqltype"
)

// response implements ResultWriter for one request. Tokens accumulate in
// buf; full packets go out as they fill, the rest when the request ends.
// The last DONE of a batch is held back until the server knows whether
// another token follows, so it carries DONE_MORE exactly when it should.
type response struct {
	c       *conn
	ctx     context.Context
	call    *rpcCall // nil for a batch
	buf     encoder
	types   []typeInfo
	rows    int64
	hasCols bool // the current statement sent COLMETADATA
	errSeen bool // an ERROR since the last DONE
	anyErr  bool // an ERROR anywhere in the request
	pending *doneToken
}

// doneToken is a DONE not yet written.
type doneToken struct {
	status, curCmd uint16
	count          uint64
}

func newResponse(c *conn, ctx context.Context, call *rpcCall) *response {
	return &response{c: c, ctx: ctx, call: call}
}

// begin writes the held-back DONE with DONE_MORE before a new token, and
// refuses output once the request was cancelled.
func (r *response) begin() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.releaseDone(doneMore)
	return nil
}

func (r *response) releaseDone(extra uint16) {
	if d := r.pending; d != nil {
		writeDone(&r.buf, tokenDone, d.status|extra, d.curCmd, d.count)
		r.pending = nil
	}
}

// sent sends the full packets accumulated so far, keeping at least one
// byte for the final packet.
func (r *response) sent() error {
	chunk := r.c.packetSize - headerSize
	full := (len(r.buf.b) - 1) / chunk * chunk
	if full <= 0 {
		return nil
	}
	err := r.c.writePackets(r.buf.b[:full], false)
	r.buf.b = append(r.buf.b[:0], r.buf.b[full:]...)
	return err
}

// Columns starts a result set.
func (r *response) Columns(cols []sqltype.Column) error {
	types := make([]typeInfo, len(cols))
	for i, c := range cols {
		t, err := columnType(c)
		if err != nil {
			return err
		}
		types[i] = t
	}
	if err := r.begin(); err != nil {
		return err
	}
	r.types, r.rows, r.hasCols = types, 0, true
	writeColMetadata(&r.buf, cols, types)
	return r.sent()
}

// Row sends one row of the current result set.
func (r *response) Row(values []any) error {
	if len(values) != len(r.types) || !r.hasCols {
		return fmt.Errorf("tds: row has %d values for %d columns", len(values), len(r.types))
	}
	if err := r.begin(); err != nil {
		return err
	}
	mark := len(r.buf.b)
	if err := writeRow(&r.buf, r.types, values); err != nil {
		r.buf.b = r.buf.b[:mark]
		return err
	}
	r.rows++
	return r.sent()
}

// Done ends a statement: DONE in a batch, DONEINPROC inside an RPC.
func (r *response) Done(count int64) error {
	if err := r.begin(); err != nil {
		return err
	}
	d := r.statementDone(count)
	if r.call != nil {
		writeDone(&r.buf, tokenDoneInProc, d.status|doneMore, d.curCmd, d.count)
	} else {
		r.pending = &d
	}
	return r.sent()
}

// statementDone builds the DONE of the current statement and resets the
// per-statement state.
func (r *response) statementDone(count int64) doneToken {
	var d doneToken
	if count >= 0 {
		d.status, d.count = doneCount, uint64(count)
	}
	if r.hasCols {
		d.curCmd = curCmdSelect
	}
	if r.errSeen {
		d.status |= doneError
	}
	r.hasCols, r.errSeen, r.types = false, false, nil
	return d
}

// Info sends an INFO message.
func (r *response) Info(msg *sqltype.Error) error { return r.message(tokenInfo, msg) }

// Error sends an ERROR message; the next DONE carries the error bit.
func (r *response) Error(msg *sqltype.Error) error {
	r.errSeen, r.anyErr = true, true
	return r.message(tokenError, msg)
}

func (r *response) message(token byte, msg *sqltype.Error) error {
	if err := r.begin(); err != nil {
		return err
	}
	writeMessageToken(&r.buf, token, msg, r.c.srv.cfg.ServerName)
	return r.sent()
}

// Database announces a database change.
func (r *response) Database(name string) error {
	if err := r.begin(); err != nil {
		return err
	}
	writeEnvChange(&r.buf, envDatabase, name, r.c.database)
	r.c.database = name
	return r.sent()
}

// FailoverPartner announces the mirroring partner.
func (r *response) FailoverPartner(server string) error {
	if err := r.begin(); err != nil {
		return err
	}
	writeEnvChange(&r.buf, envMirrorPartner, server, "")
	return r.sent()
}

// ReturnValue sends an OUTPUT parameter.
func (r *response) ReturnValue(p Param) error {
	t, err := returnType(p)
	if err != nil {
		return err
	}
	if err := r.begin(); err != nil {
		return err
	}
	mark := len(r.buf.b)
	if err := writeReturnValue(&r.buf, r.ordinal(p.Name), p, t); err != nil {
		r.buf.b = r.buf.b[:mark]
		return err
	}
	return r.sent()
}

// ordinal finds the parameter's position in the RPC call.
func (r *response) ordinal(name string) int {
	if r.call != nil {
		for i, p := range r.call.params {
			if p.Name == name {
				return i
			}
		}
	}
	return 0
}

// ReturnStatus sends a procedure's return status.
func (r *response) ReturnStatus(status int32) error {
	if err := r.begin(); err != nil {
		return err
	}
	writeReturnStatus(&r.buf, status)
	return r.sent()
}

// Flush sends everything written so far except a held-back DONE.
func (r *response) Flush() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if len(r.buf.b) == 0 {
		return nil
	}
	err := r.c.writePackets(r.buf.b, false)
	r.buf.b = r.buf.b[:0]
	return err
}

// returnType picks the wire type of an OUTPUT value: (max) for strings and
// binary, the value's own scale for decimals.
func returnType(p Param) (typeInfo, error) {
	c := sqltype.Column{Name: p.Name, Type: p.Type, Length: -1}
	if d, ok := p.Value.(sqltype.Decimal); ok {
		c.Precision, c.Scale = 38, d.Scale
	}
	return columnType(c)
}

var _ ResultWriter = (*response)(nil)
