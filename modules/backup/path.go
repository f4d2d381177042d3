package backup

import (
	"strconv"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

// isFolder reports whether a -Path names a folder: it ends with a path
// separator, or its last element has no extension (\\fs\pchatlogs,
// D:\Backups, /var/backups). A folder whose name has a dot is given with
// a trailing separator.
func isFolder(p string) bool {
	if strings.HasSuffix(p, `\`) || strings.HasSuffix(p, "/") {
		return true
	}
	base := p[strings.LastIndexAny(p, `\/`)+1:]
	return !strings.Contains(base, ".")
}

// separator is the folder's own separator: \ for UNC and Windows paths.
func separator(folder string) string {
	if strings.Contains(folder, `\`) {
		return `\`
	}
	return "/"
}

// join joins a folder and a file name with the folder's separator.
func join(folder, name string) string {
	sep := separator(folder)
	return strings.TrimRight(folder, `\/`) + sep + name
}

// backupFileName is the file a backup to a folder writes:
// <database>_<FULL|LOG>_<UTC yyyyMMddHHmmss>.bak or .trn.
func backupFileName(database, typ string, at time.Time) string {
	ext := ".bak"
	if typ == "Log" {
		ext = ".trn"
	}
	return database + "_" + strings.ToUpper(typ) + "_" + at.UTC().Format("20060102150405") + ext
}

// checkFileNamePart refuses a database name that cannot be part of a file
// name: a path separator or ".." would write outside the folder, and the
// characters Windows forbids in file names would fail the BACKUP.
func checkFileNamePart(database string) error {
	if strings.ContainsAny(database, `\/:*?"<>|`) || strings.Contains(database, "..") || strings.TrimSpace(database) == "" {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "DatabaseNameNotAFileName", database,
			"Cannot build a backup file name from the database name %q: it holds a path separator, \"..\" or a character Windows forbids in file names.", database).
			WithHint("give -Path as a file, e.g. -Path D:\\Backups\\mgc.bak")
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
