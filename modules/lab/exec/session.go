package exec

import (
	"context"
	"errors"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// session is one client connection: the engine session plus the state
// SQL Server keeps per connection (SET options, @@ROWCOUNT, @@ERROR, the
// transaction announced to the client).
type session struct {
	h     *Handler
	eng   *engine.Session
	login tds.LoginInfo
	opts  options

	rowcount   int64
	lastError  int32
	tranSeq    uint64
	announced  bool   // the client was told a transaction began
	tranName   string // the outermost BEGIN TRANSACTION's name, while one is open
	insertExec bool   // an INSERT … EXEC is capturing a procedure's results

	tempSuffix string   // makes this session's #tables' names unique
	temps      []string // temporary tables it created, as tempdb names
}

func newSession(h *Handler, es *engine.Session, info tds.LoginInfo) *session {
	return &session{h: h, eng: es, login: info, opts: defaultOptions()}
}

// Database returns the database the session is in (tds.SessionInfo).
func (s *session) Database() string { return s.eng.Database() }

// FailoverPartner returns the mirroring partner of the session's database
// for the login reply, or "".
func (s *session) FailoverPartner() string {
	info, err := s.h.inst.Database(s.eng.Database())
	if err != nil || info.Mirroring == nil {
		return ""
	}
	return info.Mirroring.PartnerInstance
}

// Batch parses and runs a SQL batch.
func (s *session) Batch(ctx context.Context, sql string, w tds.ResultWriter) error {
	if !s.alive() {
		return engine.ErrSessionKilled
	}
	r := newRun(s, ctx, w)
	return r.batch(sql)
}

// RPC runs a procedure called by name (sp_executesql and the lab's
// system procedures).
func (s *session) RPC(ctx context.Context, proc string, params []tds.Param, w tds.ResultWriter) error {
	if !s.alive() {
		return engine.ErrSessionKilled
	}
	r := newRun(s, ctx, w)
	return r.finish(r.rpc(proc, params))
}

// alive reports whether the session is still registered: KILL and
// SINGLE_USER WITH ROLLBACK IMMEDIATE remove killed sessions, whose next
// request must end the connection even when it never reaches the engine.
func (s *session) alive() bool { return s.h.inst.HasSession(s.eng) }

// Reset restores the post-login state (sp_reset_connection).
func (s *session) Reset() {
	s.eng.Reset()
	s.dropTempTables()
	s.opts = defaultOptions()
	s.rowcount, s.lastError, s.announced = 0, 0, false
	if s.login.Database != "" {
		_ = s.eng.Use(s.login.Database)
	} else {
		_ = s.eng.Use("master")
	}
}

// Close ends the engine session, rolling back an open transaction, and
// drops the temporary tables it created.
func (s *session) Close() {
	s.eng.Close()
	s.dropTempTables()
}

// batch runs the text of one batch.
func (r *run) batch(sql string) error {
	b, err := r.s.h.parsed.parse(sql)
	if err != nil {
		return r.finish(parseError(err))
	}
	return r.finish(r.execList(b.Stmts))
}

// parseError turns a parser error into the statement error SQL Server
// reports: the syntax error itself, or 40517 naming the statement.
func parseError(err error) error {
	var se *tsql.SyntaxError
	if errors.As(err, &se) {
		sev := uint8(15)
		if se.Number != tsql.ErrIncorrectSyntax && se.Number != tsql.ErrNearKeyword &&
			se.Number != tsql.ErrUnclosedQuote && se.Number != tsql.ErrMissingEndComment {
			sev = 16
		}
		return &stmtError{errs: []*engine.Error{{Number: se.Number, Severity: sev, State: 1, Message: se.Message}},
			line: se.Line, abort: true}
	}
	var ue *tsql.UnsupportedError
	if errors.As(err, &ue) {
		return &stmtError{errs: []*engine.Error{unsupported(ue.Statement)}, line: ue.Line, abort: true}
	}
	return err
}

var (
	_ tds.Session     = (*session)(nil)
	_ tds.SessionInfo = (*session)(nil)
)
