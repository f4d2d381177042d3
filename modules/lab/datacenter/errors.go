package datacenter

import (
	"errors"
	"fmt"
	"io/fs"

	"pcsh/runtime/cmdlet"
)

// labError is the record of a lab operation that failed, with its error
// id and the cause.
func labError(id string, cause error, format string, args ...any) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf(format, args...), ErrorID: id,
		Category: cmdlet.CategoryInvalidOperation, Err: cause}
}

// openError is labError for an operation on a lab that should exist:
// LabNotFound (ObjectNotFound) when the directory holds no lab.json.
func openError(id string, cause error, format string, args ...any) *cmdlet.ErrorRecord {
	rec := labError(id, cause, format, args...)
	if errors.Is(cause, fs.ErrNotExist) {
		rec.ErrorID, rec.Category = "LabNotFound", cmdlet.CategoryObjectNotFound
	}
	return rec
}
