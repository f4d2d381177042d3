package tds

import (
	"context"
	"crypto/tls"
	"time"

	"pcsh/modules/lab/sqltype"
)

// Handler is what the TDS server calls into: the SQL engine. The server owns
// the wire (packets, tokens, TLS, attention); the handler owns the meaning.
type Handler interface {
	// Login authenticates a LOGIN7 request and opens a session. A returned
	// *SQLError is sent to the client as an ERROR token (for example 18456)
	// and the connection is closed.
	Login(ctx context.Context, info LoginInfo) (Session, error)
}

// Session is one client connection after login.
type Session interface {
	// Batch runs a SQL batch. ctx is cancelled when the client sends an
	// attention. Errors that SQL Server reports to the client are written to
	// w with w.Error; a returned error aborts the request and is sent as a
	// severity 16 ERROR token when it is a *SQLError, or closes the
	// connection otherwise.
	Batch(ctx context.Context, sql string, w ResultWriter) error
	// RPC runs a stored procedure called by name or by well-known id
	// (sp_executesql arrives as proc "sp_executesql").
	RPC(ctx context.Context, proc string, params []Param, w ResultWriter) error
	// Reset restores the session to its post-login state (RESETCONNECTION).
	Reset()
	// Close ends the session when the connection closes.
	Close()
}

// LoginInfo carries the fields of a LOGIN7 packet a handler needs.
type LoginInfo struct {
	UserName   string
	Password   string
	Database   string
	AppName    string
	HostName   string
	ServerName string
	Language   string
	PacketSize int
	TDSVersion uint32
	ClientPID  uint32
	RemoteAddr string
	// Integrated is set when the client logged in with Windows integrated
	// security and Config.SSPI verified it: UserName is then the Windows
	// login (DOMAIN\user) and Password is empty.
	Integrated bool
}

// Param is one RPC parameter.
type Param struct {
	Name   string // with the leading '@', empty for positional
	Output bool
	Type   sqltype.DataType
	Value  any // the Go types of sqltype values
}

// ResultWriter streams a response. Calls must follow TDS order: Columns, Row*,
// Done, for each result set; Info and Error may come at any point.
type ResultWriter interface {
	Columns(cols []sqltype.Column) error
	Row(values []any) error
	// Done ends one statement. count < 0 means no row count.
	Done(count int64) error
	Info(msg *sqltype.Error) error
	Error(msg *sqltype.Error) error
	// Database announces a database change (USE) with ENVCHANGE type 1.
	Database(name string) error
	// FailoverPartner announces the mirroring partner (ENVCHANGE type 13).
	FailoverPartner(server string) error
	// ReturnValue sends an OUTPUT parameter value (RETURNVALUE token).
	ReturnValue(p Param) error
	// ReturnStatus sends a procedure's return status (RETURNSTATUS token).
	ReturnStatus(status int32) error
	// Flush sends what has been written so far (used by WITH STATS progress).
	Flush() error
}

// TransactionWriter is implemented by the server's ResultWriter. The
// engine announces T-SQL BEGIN/COMMIT/ROLLBACK TRANSACTION through it
// (ENVCHANGE 8, 9, 10); go-mssqldb refuses statements inside db.BeginTx
// until it has seen a transaction descriptor.
type TransactionWriter interface {
	// BeginTransaction announces a transaction with a non-zero id.
	BeginTransaction(id uint64) error
	// EndTransaction announces a commit (true) or rollback (false).
	EndTransaction(commit bool) error
}

// SessionInfo may be implemented by a Session to shape the login reply:
// the database the session starts in (ENVCHANGE 1) and the mirroring
// partner (ENVCHANGE 13). Empty strings mean LoginInfo.Database (or
// "master") and no partner.
type SessionInfo interface {
	Database() string
	FailoverPartner() string
}

// Config configures a Server.
type Config struct {
	ServerName string      // the instance name reported in LOGINACK and ERROR tokens
	Version    uint32      // product version in LOGINACK, e.g. 0x0C0017D0 (12.0.6096)
	TLS        *tls.Config // nil: the server generates a self-signed certificate
	PacketSize int         // largest packet size the server accepts; 0: 32767

	LoginTimeout time.Duration                    // limit for PRELOGIN, TLS and LOGIN7; 0: 30 s
	IdleTimeout  time.Duration                    // close a connection idle this long; 0: never
	Logf         func(format string, args ...any) // server-side diagnostics; nil: discard

	// MaxUnauthenticated caps the connections in PRELOGIN, TLS or LOGIN7
	// at once; one more is closed at once, and logged. 0: 64.
	MaxUnauthenticated int

	// SSPI verifies integrated-security logins; nil refuses them all with
	// 18452.
	SSPI SSPIAcceptor
}
