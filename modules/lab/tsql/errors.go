package tsql

import "fmt"

// SQL Server error numbers the parser reports.
const (
	ErrIncorrectSyntax   int32 = 102 // Incorrect syntax near '%s'.
	ErrIdentifierTooLong int32 = 103 // The identifier that starts with '%s' is too long.
	ErrUnclosedQuote     int32 = 105 // Unclosed quotation mark after the character string '%s'.
	ErrMissingEndComment int32 = 113 // Missing end comment mark '*/'.
	ErrUnknownOption     int32 = 155 // '%s' is not a recognized %s option.
	ErrNearKeyword       int32 = 156 // Incorrect syntax near the keyword '%s'.
)

// MaxIdentifierLength is the longest identifier SQL Server accepts, in
// characters.
const MaxIdentifierLength = 128

// SyntaxError is a parse error with SQL Server's message number and text,
// ready to be sent to a client as an ERROR token (severity 15 for the
// syntax errors, 16 for the rest).
type SyntaxError struct {
	Number  int32
	Line    int
	Message string
}

// Error returns the SQL Server message text.
func (e *SyntaxError) Error() string { return e.Message }

// UnsupportedError reports a T-SQL statement (or clause) that SQL Server
// accepts but the pcsh lab does not implement.
type UnsupportedError struct {
	Statement string // for example "CREATE VIEW"
	Line      int
}

// Error says which statement is not supported.
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("The statement '%s' is not supported by the pcsh lab.", e.Statement)
}

// errNear builds the 102 or 156 error for an unexpected token.
func errNear(t Token) *SyntaxError {
	if t.IsReserved() {
		return &SyntaxError{Number: ErrNearKeyword, Line: t.Line,
			Message: fmt.Sprintf("Incorrect syntax near the keyword '%s'.", t.Text)}
	}
	return &SyntaxError{Number: ErrIncorrectSyntax, Line: t.Line,
		Message: fmt.Sprintf("Incorrect syntax near '%s'.", t.near())}
}

func errUnclosedQuote(line int, rest string) *SyntaxError {
	return &SyntaxError{Number: ErrUnclosedQuote, Line: line,
		Message: fmt.Sprintf("Unclosed quotation mark after the character string '%s'.", rest)}
}

func errTooLong(line int, name string) *SyntaxError {
	runes := []rune(name)
	return &SyntaxError{Number: ErrIdentifierTooLong, Line: line,
		Message: fmt.Sprintf("The identifier that starts with '%s' is too long. Maximum length is %d.",
			string(runes[:MaxIdentifierLength]), MaxIdentifierLength)}
}

func errUnknownOption(t Token, statement string) *SyntaxError {
	return &SyntaxError{Number: ErrUnknownOption, Line: t.Line,
		Message: fmt.Sprintf("'%s' is not a recognized %s option.", t.near(), statement)}
}
