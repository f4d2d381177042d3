package engine

import (
	"pcsh/modules/lab/sqldb"
	"strings"
)

// RESTORE's planning refusal of a file another database uses. Sources:
// Database engine events and errors 1000-1999 (1834 "The file '%ls'
// cannot be overwritten. It is being used by database '%.*ls'.") and
// 3000-3999 (3156 "File '%ls' cannot be restored to '%ls'. Use WITH MOVE
// to identify a valid location for the file.", 3119); the states and the
// two spaces after "overwritten." are those "Backup and restore to URL
// using managed identities" (Duplicate database name) shows: 1834 state 1,
// 3156 state 4.
func init() {
	RegisterMessages("engine-restore-files", func() map[int32]Message {
		return map[int32]Message{
			1834: {16, 1, "The file '%ls' cannot be overwritten.  It is being used by database '%ls'."},
			3156: {16, 4, "File '%ls' cannot be restored to '%ls'. Use WITH MOVE to identify a valid location for the file."},
		}
	})
}

// refuseFilesInUse is the check RESTORE DATABASE makes before it writes a
// backup set's files (after WITH MOVE) where they would go: a file another
// database of the instance uses raises 1834 and 3156, and the plan fails
// with 3119 after every such file. The database being replaced (old) may
// keep its own files.
func (i *Instance) refuseFilesInUse(files []sqldb.File, old *database) error {
	var errs Errors
	for _, f := range files {
		if owner := i.fileOwner(f.PhysicalName, old); owner != "" {
			errs = append(errs, Raise(1834, f.PhysicalName, owner), Raise(3156, f.LogicalName, f.PhysicalName))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return append(errs, Raise(3119))
}

// fileOwner names the database other than skip that uses the physical
// file path (compared as Windows does, ignoring case), or "".
func (i *Instance) fileOwner(path string, skip *database) string {
	i.mu.RLock()
	defer i.mu.RUnlock()
	for _, db := range i.dbs {
		if db == skip {
			continue
		}
		info := db.Info()
		for _, f := range info.Files {
			if strings.EqualFold(f.PhysicalName, path) {
				return info.Name
			}
		}
	}
	return ""
}
