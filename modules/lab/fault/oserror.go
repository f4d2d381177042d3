package fault

import "fmt"

// OSError is a Windows system error as SQL Server quotes it in messages
// such as 3201 and 3202: "112(There is not enough space on the disk.)".
type OSError struct {
	Code int
	Text string
}

// Error returns the code and text in SQL Server's quoting.
func (e *OSError) Error() string { return fmt.Sprintf("%d(%s)", e.Code, e.Text) }

// The Windows system errors the lab's faults produce (Win32 System Error
// Codes: ERROR_DISK_FULL and ERROR_BAD_NETPATH).
var (
	ErrDiskFull = &OSError{112, "There is not enough space on the disk."}
	ErrNetPath  = &OSError{53, "The network path was not found."}
)
