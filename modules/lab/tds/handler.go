package tds

import (
	"context"
	"crypto/tls"
	"math/big"
	"time"
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
}

// SQLError is a SQL Server error or message: the fields of an ERROR or INFO
// token.
type SQLError struct {
	Number     int32
	State      uint8
	Class      uint8
	Message    string
	ServerName string
	ProcName   string
	LineNo     int32
}

// Error returns the message text.
func (e *SQLError) Error() string { return e.Message }

// DataType names a SQL Server column type the lab can send.
type DataType int

// The data types the lab sends in COLMETADATA.
const (
	TypeInt DataType = iota + 1
	TypeBigInt
	TypeSmallInt
	TypeTinyInt
	TypeBit
	TypeDecimal
	TypeNVarChar // Length 0 or -1 means nvarchar(max)
	TypeVarChar  // Length 0 or -1 means varchar(max)
	TypeDateTime
	TypeDateTime2
	TypeUniqueIdentifier
	TypeVarBinary // Length 0 or -1 means varbinary(max)
	TypeFloat
	TypeSQLVariant
	TypeDateTimeOffset // datetimeoffset(Scale); go-mssqldb sends time.Time parameters as datetimeoffset(7)
	TypeDate
)

// Column describes one result column.
type Column struct {
	Name      string
	Type      DataType
	Length    int // characters for (n)varchar, bytes for varbinary; -1 for max
	Precision uint8
	Scale     uint8
	Nullable  bool
}

// Decimal is a decimal/numeric value: Unscaled * 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    uint8
}

// Row values use these Go types: nil for NULL, int64 for int/bigint/
// smallint/tinyint (other Go integer types are accepted too), bool for bit,
// Decimal for decimal/numeric, string for (n)varchar, time.Time for
// datetime/datetime2/datetimeoffset/date, [16]byte for uniqueidentifier in
// canonical RFC 4122 order (as uuid.UUID; the server swaps to SQL Server's
// mixed-endian wire order and back), []byte for varbinary, float64 for
// float. A sql_variant column takes any of these; its base type follows the
// Go type. Datetime2/datetimeoffset columns use Scale as the fractional
// digits when Precision is non-zero; Precision 0 means scale 7.
var _ = time.Time{}

// Param is one RPC parameter.
type Param struct {
	Name   string // with the leading '@', empty for positional
	Output bool
	Type   DataType
	Value  any // same Go types as row values
}

// ResultWriter streams a response. Calls must follow TDS order: Columns, Row*,
// Done, for each result set; Info and Error may come at any point.
type ResultWriter interface {
	Columns(cols []Column) error
	Row(values []any) error
	// Done ends one statement. count < 0 means no row count.
	Done(count int64) error
	Info(msg *SQLError) error
	Error(msg *SQLError) error
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
}
