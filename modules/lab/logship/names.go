package logship

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"pcsh/modules/lab/disk"
)

// fileStamp is the UTC timestamp layout of log backup file names.
const fileStamp = "20060102150405"

// backupFileName is <database>_<yyyyMMddHHmmss>.trn for a backup taken at
// t (UTC), the name sqllogship gives log backups. A database name with a
// path separator or ".." is refused: the file would land outside the
// backup directory.
func backupFileName(db string, t time.Time) (string, error) {
	if err := fileSafeName(db); err != nil {
		return "", err
	}
	return db + "_" + t.UTC().Format(fileStamp) + ".trn", nil
}

// fileSafeName refuses a database name that cannot be part of a file
// name in the backup directory: one with a slash, a backslash, ".." or a
// NUL character.
func fileSafeName(db string) error {
	if strings.ContainsAny(db, "/\\\x00") || strings.Contains(db, "..") {
		return fmt.Errorf("the database name '%s' cannot name a log backup file: it holds a path separator or '..'", db)
	}
	return nil
}

// fileTime parses the UTC timestamp of a log backup file name of db.
func fileTime(db, name string) (time.Time, bool) {
	base := baseName(name)
	if !strings.HasPrefix(strings.ToLower(base), strings.ToLower(db)+"_") || !strings.HasSuffix(strings.ToLower(base), ".trn") {
		return time.Time{}, false
	}
	stamp := base[len(db)+1 : len(base)-len(".trn")]
	t, err := time.ParseInLocation(fileStamp, stamp, time.UTC)
	return t, err == nil
}

// backupFiles returns the names of db's log backup files in dir, oldest
// first.
func backupFiles(fsys disk.FS, dir, db string) ([]string, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if _, ok := fileTime(db, e.Name()); ok && !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// joinPath joins a configured directory and a file name with the
// directory's own separator, so Windows paths (C:\lsbackup, \\fs\share)
// keep their backslashes as SQL Server prints them.
func joinPath(dir, name string) string {
	if strings.Contains(dir, `\`) {
		return strings.TrimRight(dir, `\`) + `\` + name
	}
	return filepath.Join(dir, name)
}

// baseName returns the last element of a path written with either
// separator.
func baseName(p string) string {
	return p[strings.LastIndexAny(p, `/\`)+1:]
}

// dirName returns the directory of a path written with either separator.
func dirName(p string) string {
	if k := strings.LastIndexAny(p, `/\`); k > 0 {
		return p[:k]
	}
	return "."
}
