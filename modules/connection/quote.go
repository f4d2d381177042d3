package connection

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxIdentifierLength is SQL Server's limit for a sysname: 128 characters.
const MaxIdentifierLength = 128

// QuoteName returns name as a bracket-delimited identifier with QUOTENAME
// semantics: "a]b" becomes "[a]]b]". Like QUOTENAME, it refuses a name
// longer than 128 characters (QUOTENAME returns NULL; we return an error,
// because a NULL spliced into dynamic SQL is a silent bug).
func QuoteName(name string) (string, error) {
	if n := utf8.RuneCountInString(name); n > MaxIdentifierLength {
		return "", fmt.Errorf("identifier is %d characters long; the limit is %d", n, MaxIdentifierLength)
	}
	return "[" + strings.ReplaceAll(name, "]", "]]") + "]", nil
}

// QuoteString returns s as a Unicode string literal, N'…' with each quote
// doubled. Use it only where T-SQL cannot take a parameter (BACKUP and
// RESTORE targets, ALTER DATABASE … SET PARTNER, CREATE ENDPOINT); pass
// every other value as a query parameter.
func QuoteString(s string) string {
	return "N'" + strings.ReplaceAll(s, "'", "''") + "'"
}
