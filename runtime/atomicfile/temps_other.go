//go:build !unix

package atomicfile

import "os"

// renameOpenFiles is false: Windows refuses to rename a file that is
// open, so a writer closes its temporary file before renaming it.
const renameOpenFiles = false

// lockingTemps is false: there is no flock; a live writer of another
// process is protected by its open handle (Windows) only.
const lockingTemps = false

// lockTemp does nothing here: on Windows the writer's open handle already
// keeps other processes from deleting the file.
func lockTemp(*os.File) (busy bool) { return false }

// removeStaleTemp removes the temporary file tmp; Windows refuses while
// another process has it open.
func removeStaleTemp(tmp string) { os.Remove(tmp) }
