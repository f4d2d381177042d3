package schedule

import (
	"fmt"

	"pcsh/runtime/cmdlet"
)

// usageError is a bad `pcsh schedule` invocation: exit code 2 (Usage).
func usageError(format string, args ...any) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf(format, args...), ErrorID: "ScheduleUsage",
		Category: cmdlet.CategoryInvalidArgument, Code: cmdlet.ExitUsage, Hint: "run pcsh schedule --help"}
}

// failure is a schedule operation that could not be done: exit code 1.
func failure(id string, err error, format string, args ...any) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf(format, args...), ErrorID: id,
		Category: cmdlet.CategoryResourceUnavailable, Err: err}
}
