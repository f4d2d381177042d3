package cmdlet

import (
	"context"
	"errors"
	"fmt"
)

// Category classifies an error record, as PowerShell's ErrorCategory does.
type Category string

// The error categories pcsh uses.
const (
	CategoryNotSpecified        Category = "NotSpecified"
	CategoryInvalidArgument     Category = "InvalidArgument"
	CategoryInvalidOperation    Category = "InvalidOperation"
	CategoryInvalidData         Category = "InvalidData"
	CategoryObjectNotFound      Category = "ObjectNotFound"
	CategoryConnectionError     Category = "ConnectionError"
	CategoryPermissionDenied    Category = "PermissionDenied"
	CategoryOperationTimeout    Category = "OperationTimeout"
	CategoryResourceUnavailable Category = "ResourceUnavailable"
	CategoryOperationStopped    Category = "OperationStopped"
	CategoryParserError         Category = "ParserError"
	CategoryNotImplemented      Category = "NotImplemented"
)

// ErrorRecord describes a failure in a form scripts and the CLI can inspect.
type ErrorRecord struct {
	Message        string   // the user-facing sentence
	ErrorID        string   // e.g. "PoolNotFound"
	Category       Category // the error category
	Target         string   // the pool, database or server the error is about
	Command        string   // the command that raised it, filled in by the host
	Hint           string   // how to fix it
	ScriptPosition string   // "file.lua:42", filled in by the Lua host
	Code           ExitCode // exit code; 0 means the default for the category
	Err            error    // the cause
}

// Error returns the concise view: "Command: Message".
func (r *ErrorRecord) Error() string {
	if r.Command == "" {
		return r.Message
	}
	return r.Command + ": " + r.Message
}

// Unwrap returns the cause.
func (r *ErrorRecord) Unwrap() error { return r.Err }

// FullyQualifiedErrorID returns "ErrorId,Command" as PowerShell shows it.
func (r *ErrorRecord) FullyQualifiedErrorID() string {
	if r.Command == "" {
		return r.ErrorID
	}
	return r.ErrorID + "," + r.Command
}

// ExitCode returns the exit code this record maps to.
func (r *ErrorRecord) ExitCode() ExitCode {
	if r.Code != 0 {
		return r.Code
	}
	switch r.Category {
	case CategoryOperationStopped:
		return ExitInterrupted
	case CategoryParserError:
		return ExitUsage
	}
	return ExitError
}

// Errorf builds a terminating error record. The message is formatted with
// fmt.Sprintf; a %w verb also records the cause.
func Errorf(cat Category, id, target, format string, args ...any) *ErrorRecord {
	err := fmt.Errorf(format, args...)
	return &ErrorRecord{Message: err.Error(), ErrorID: id, Category: cat, Target: target, Err: errors.Unwrap(err)}
}

// WithHint sets the hint and returns the record.
func (r *ErrorRecord) WithHint(format string, args ...any) *ErrorRecord {
	r.Hint = fmt.Sprintf(format, args...)
	return r
}

// usageError builds a binding or usage error: exit code Usage.
func usageError(id, format string, args ...any) *ErrorRecord {
	r := Errorf(CategoryInvalidArgument, id, "", format, args...)
	r.Code = ExitUsage
	return r
}

// AsRecord converts any error into an error record. Context cancellation
// becomes an OperationStopped record with the Interrupted exit code.
func AsRecord(err error) *ErrorRecord {
	if err == nil {
		return nil
	}
	var rec *ErrorRecord
	if errors.As(err, &rec) {
		return rec
	}
	if errors.Is(err, context.Canceled) {
		return &ErrorRecord{Message: "The operation was stopped by the user.", ErrorID: "OperationStopped",
			Category: CategoryOperationStopped, Err: err}
	}
	return &ErrorRecord{Message: err.Error(), ErrorID: "NotSpecified", Category: CategoryNotSpecified, Err: err}
}

// ExitCodeOf returns the exit code for err: OK for nil, else the record's.
func ExitCodeOf(err error) ExitCode {
	if err == nil {
		return ExitOK
	}
	return AsRecord(err).ExitCode()
}
