package engine

import (
	"errors"
	"strings"
	"sync"
	"time"
)

// ErrSessionKilled is returned by every request of a session that KILL
// ended; the TDS layer closes the connection.
var ErrSessionKilled = errors.New("engine: session was killed")

// LoginRequest is what a client presents at login.
type LoginRequest struct {
	Login    string
	Password string
	// Windows is set for a Windows login the caller has verified (SSPI):
	// the password is not checked.
	Windows   bool
	Database  string // empty: master
	AppName   string
	HostName  string
	ClientPID uint32
}

// Session is one client connection: its spid, current database and
// transaction. Requests of one session run one at a time.
type Session struct {
	inst      *Instance
	spid      int32
	login     string
	host      string
	program   string
	clientPID uint32
	loginTime time.Time

	mu        sync.Mutex // guards db, lastBatch, status, trancount
	db        string
	lastBatch time.Time
	status    string
	trancount int
	identity  any // @@IDENTITY: last IDENTITY value inserted, or nil

	req    sync.Mutex // held for the duration of a request
	tx     *txn
	killed killedFlag
}

// Connect authenticates a login and opens a session in its database.
func (i *Instance) Connect(req LoginRequest) (*Session, error) {
	if !req.Windows && !i.authenticate(req.Login, req.Password) {
		return nil, RaiseState(18456, 1, req.Login)
	}
	name := req.Database
	if name == "" {
		name = "master"
	}
	if err := i.checkUse(name, nil); err != nil {
		return nil, Errors{Raise(4060, name), RaiseState(18456, 1, req.Login)}
	}
	now := i.now()
	s := &Session{inst: i, login: req.Login, host: req.HostName, program: req.AppName, clientPID: req.ClientPID,
		loginTime: now, lastBatch: now, status: "sleeping", db: i.canonicalName(name)}
	i.sessions.add(s)
	return s, nil
}

// authenticate checks a login against Options.Logins.
func (i *Instance) authenticate(login, password string) bool {
	if i.opts.Logins == nil {
		return strings.EqualFold(login, "sa")
	}
	want, ok := i.opts.Logins[login]
	return ok && want == password
}

// SPID returns the session id.
func (s *Session) SPID() int32 { return s.spid }

// Login returns the login name.
func (s *Session) Login() string { return s.login }

// Database returns the current database name.
func (s *Session) Database() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db
}

// Info returns the session's sys.dm_exec_sessions fields.
func (s *Session) Info() SessionInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return SessionInfo{SessionID: s.spid, LoginName: s.login, HostName: s.host, ProgramName: s.program,
		Database: s.db, Status: s.status, LoginTime: s.loginTime, LastBatch: s.lastBatch, TranCount: s.trancount,
		ClientPID: s.clientPID}
}

// Use changes the current database (USE).
func (s *Session) Use(name string) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if err := s.inst.checkUse(name, s); err != nil {
		return err
	}
	s.mu.Lock()
	s.db = s.inst.canonicalName(name)
	s.mu.Unlock()
	return nil
}

// Close ends the session, rolling back its open transaction.
func (s *Session) Close() {
	s.req.Lock()
	defer s.req.Unlock()
	s.endTx()
	s.inst.sessions.remove(s)
}

// Reset restores the post-login state (sp_reset_connection): the open
// transaction is rolled back.
func (s *Session) Reset() {
	s.req.Lock()
	defer s.req.Unlock()
	s.endTx()
}

// enter starts a request: it serializes requests and fails for a killed
// session.
func (s *Session) enter() error {
	s.req.Lock()
	if s.killed.Load() {
		s.endTx()
		s.req.Unlock()
		return ErrSessionKilled
	}
	s.mu.Lock()
	s.status, s.lastBatch = "running", s.inst.now()
	s.mu.Unlock()
	return nil
}

// leave ends a request; a session killed meanwhile loses its transaction.
func (s *Session) leave() {
	if s.killed.Load() {
		s.endTx()
	}
	s.mu.Lock()
	s.status = "sleeping"
	s.mu.Unlock()
	s.req.Unlock()
}

// kill marks the session killed and, when it is idle, rolls back its
// transaction now; a busy session does so when its request ends.
func (s *Session) kill() {
	s.killed.Store(true)
	s.inst.sessions.remove(s)
	if s.req.TryLock() {
		s.endTx()
		s.req.Unlock()
	}
}

// endTx rolls back any open transaction; the caller holds req.
func (s *Session) endTx() {
	if s.tx != nil {
		s.tx.rollbackTo(mark{})
		s.tx.release()
		s.tx = nil
	}
	s.setTranCount(0)
}

func (s *Session) setTranCount(n int) {
	s.mu.Lock()
	s.trancount = n
	s.mu.Unlock()
}

// setIdentity records the last IDENTITY value inserted.
func (s *Session) setIdentity(v int64) {
	s.mu.Lock()
	s.identity = v
	s.mu.Unlock()
}

// Identity returns @@IDENTITY (SCOPE_IDENTITY in the lab): the last
// IDENTITY value the session inserted, or nil.
func (s *Session) Identity() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identity
}

// TranCount returns @@TRANCOUNT.
func (s *Session) TranCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trancount
}

// equalFold compares names case-insensitively.
func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
