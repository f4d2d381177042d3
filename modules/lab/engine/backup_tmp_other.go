//go:build !unix

package engine

import "os"

// renameOpenFiles is false: Windows refuses to rename a file that is
// open, so a backup closes its temporary file before renaming it.
const renameOpenFiles = false

// lockingBackupTemps is false: there is no flock; a live backup of
// another process is protected by its open handle (Windows) only.
const lockingBackupTemps = false

// lockBackupTemp does nothing here: on Windows the writer's open handle
// already keeps other processes from deleting the file.
func lockBackupTemp(*os.File) (busy bool) { return false }

// removeStaleBackupTemp removes the temporary file tmp; Windows refuses
// while another process has it open.
func removeStaleBackupTemp(tmp string) { os.Remove(tmp) }
