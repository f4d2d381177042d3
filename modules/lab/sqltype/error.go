package sqltype

// Error is a SQL Server error or message: the fields of a TDS ERROR or
// INFO token.
type Error struct {
	Number     int32
	State      uint8
	Class      uint8
	Message    string
	ServerName string
	ProcName   string
	LineNo     int32
}

// Error returns the message text.
func (e *Error) Error() string { return e.Message }
