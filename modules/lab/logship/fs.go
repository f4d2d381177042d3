package logship

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"sync"
	"syscall"
)

// osErrorText renders an OS error as SQL Server and sqllogship print
// them: the Windows error number and text.
func osErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && windowsText().MatchString(pe.Err.Error()) {
		return pe.Err.Error()
	}
	if windowsText().MatchString(err.Error()) {
		return err.Error()
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "112(There is not enough space on the disk.)"
	case errors.Is(err, os.ErrNotExist):
		return "3(The system cannot find the path specified.)"
	case errors.Is(err, os.ErrPermission):
		return "5(Access is denied.)"
	}
	return "1117(The request could not be performed because of an I/O device error.)"
}

// windowsText matches an error already quoted as SQL Server quotes OS
// errors: "112(There is not enough space on the disk.)".
var windowsText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+\(.*\)$`) })
