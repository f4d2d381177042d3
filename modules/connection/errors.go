package connection

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/runtime/cmdlet"
)

// genericErrors end a chain after the specific error: BACKUP/RESTORE
// "terminating abnormally" (3013), "ALTER DATABASE statement failed"
// (5069) and "The statement has been terminated" (3621). The record is
// named after the specific error before them.
var genericErrors = []int32{3013, 5069, 3621}

// SQLErrors returns every SQL Server error in err's chain, first to last;
// nil when err holds none.
func SQLErrors(err error) []mssql.Error {
	var me mssql.Error
	if !errors.As(err, &me) {
		var pm *mssql.Error
		if !errors.As(err, &pm) || pm == nil {
			return nil
		}
		me = *pm
	}
	if len(me.All) == 0 {
		return []mssql.Error{me}
	}
	return me.All
}

// PrimaryError returns the error that names a chain: the first one that
// is not a generic "terminating abnormally" error.
func PrimaryError(all []mssql.Error) mssql.Error {
	for _, e := range all {
		if !slices.Contains(genericErrors, e.Number) {
			return e
		}
	}
	return all[len(all)-1]
}

// ErrorNumber returns the primary SQL Server error number in err, or 0.
func ErrorNumber(err error) int32 {
	if all := SQLErrors(err); all != nil {
		return PrimaryError(all).Number
	}
	return 0
}

// SQLRecord converts a SQL Server error into an error record: ErrorId
// SqlError<number>, a category by number, the server as target, and every
// message of the chain as SSMS shows it ("Msg 4305, Level 16, State 1,
// Server LAB01, Line 1: …"), with secrets redacted.
func SQLRecord(err error, target string, secrets *cmdlet.Secrets) *cmdlet.ErrorRecord {
	all := SQLErrors(err)
	if all == nil {
		return cmdlet.AsRecord(err)
	}
	p := PrimaryError(all)
	lines := make([]string, len(all))
	for i, e := range all {
		lines[i] = secrets.Redact(formatSQLError(e))
	}
	if p.ServerName != "" {
		target = p.ServerName
	}
	return &cmdlet.ErrorRecord{Message: strings.Join(lines, "\n"), ErrorID: fmt.Sprintf("SqlError%d", p.Number),
		Category: CategoryOf(p.Number), Target: target, Err: err}
}

func formatSQLError(e mssql.Error) string {
	s := fmt.Sprintf("Msg %d, Level %d, State %d", e.Number, e.Class, e.State)
	if e.ServerName != "" {
		s += ", Server " + e.ServerName
	}
	if e.ProcName != "" {
		s += ", Procedure " + e.ProcName
	}
	return fmt.Sprintf("%s, Line %d: %s", s, e.LineNo, e.Message)
}

// categories maps error numbers to record categories; the rest are
// InvalidOperation.
var categories = map[int32]cmdlet.Category{
	18456: cmdlet.CategoryConnectionError, 18452: cmdlet.CategoryConnectionError, 18486: cmdlet.CategoryConnectionError,
	18487: cmdlet.CategoryConnectionError, 18488: cmdlet.CategoryConnectionError, 4060: cmdlet.CategoryConnectionError,
	954: cmdlet.CategoryConnectionError, 955: cmdlet.CategoryConnectionError,
	208: cmdlet.CategoryObjectNotFound, 911: cmdlet.CategoryObjectNotFound, 2812: cmdlet.CategoryObjectNotFound,
	3701: cmdlet.CategoryObjectNotFound, 15151: cmdlet.CategoryObjectNotFound, 15007: cmdlet.CategoryObjectNotFound,
	1416: cmdlet.CategoryObjectNotFound, 1448: cmdlet.CategoryObjectNotFound,
	229: cmdlet.CategoryPermissionDenied, 230: cmdlet.CategoryPermissionDenied, 262: cmdlet.CategoryPermissionDenied,
	297: cmdlet.CategoryPermissionDenied, 300: cmdlet.CategoryPermissionDenied, 916: cmdlet.CategoryPermissionDenied,
	15247: cmdlet.CategoryPermissionDenied,
	102:   cmdlet.CategoryInvalidArgument, 105: cmdlet.CategoryInvalidArgument, 137: cmdlet.CategoryInvalidArgument,
	156: cmdlet.CategoryInvalidArgument, 207: cmdlet.CategoryInvalidArgument, 8144: cmdlet.CategoryInvalidArgument,
	1222: cmdlet.CategoryOperationTimeout, 1421: cmdlet.CategoryOperationTimeout, 1479: cmdlet.CategoryOperationTimeout,
	1205: cmdlet.CategoryResourceUnavailable, 1418: cmdlet.CategoryResourceUnavailable,
	1431: cmdlet.CategoryResourceUnavailable, 1447: cmdlet.CategoryResourceUnavailable,
	40613: cmdlet.CategoryResourceUnavailable, 40501: cmdlet.CategoryResourceUnavailable,
}

// CategoryOf returns the record category for an error number.
func CategoryOf(number int32) cmdlet.Category {
	if c, ok := categories[number]; ok {
		return c
	}
	return cmdlet.CategoryInvalidOperation
}

// IsNetworkError reports whether err is a transport failure: a dial or
// read error, a reset connection, an EOF during login, or a connection
// the driver marked bad.
func IsNetworkError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "connection reset")
}

// IsTransient reports whether err is worth retrying: a network failure, a
// login that timed out (the caller's context is still live), or a SQL
// error number classed as transient.
func IsTransient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if all := SQLErrors(err); all != nil {
		return ClassOf(PrimaryError(all).Number) == ClassTransient
	}
	return IsNetworkError(err) || errors.Is(err, context.DeadlineExceeded) || isBrowserError(err)
}

// wantsPartner reports whether err means this partner cannot serve the
// database, so the failover partner should be tried.
func wantsPartner(err error) bool {
	if all := SQLErrors(err); all != nil {
		return ClassOf(PrimaryError(all).Number) == ClassPartner
	}
	return IsNetworkError(err) || errors.Is(err, context.DeadlineExceeded) || isBrowserError(err)
}
