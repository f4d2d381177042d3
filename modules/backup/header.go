package backup

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// The RESTORE HEADERONLY BackupType values pcsh restores.
const (
	headerFull = 1 // Database
	headerLog  = 2 // Transaction log
)

// set is one backup set on a device, as RESTORE HEADERONLY describes it.
type set struct {
	Path              string
	Position          int64
	BackupType        int64
	Database          string
	FirstLSN          string
	LastLSN           string
	DatabaseBackupLSN string
	Start, Finish     time.Time
	Size              int64
	CopyOnly          bool
	Checksum          bool
}

// typeName is the set's -Type: Full, Log, or the documented description
// of a type pcsh does not take or restore.
func (s set) typeName() string {
	switch s.BackupType {
	case headerFull:
		return "Full"
	case headerLog:
		return "Log"
	}
	return "BackupType" + strconv.FormatInt(s.BackupType, 10)
}

// headerQuery lists the backup sets of one file.
const headerQuery = "RESTORE HEADERONLY FROM DISK = @p1"

// readHeader returns the sets of the file at path, read by instance.
func readHeader(ctx *cmdlet.Context, db SQL, instance, path string) ([]set, error) {
	res, err := db.Query(ctx, instance, headerQuery, path)
	if err != nil {
		return nil, err
	}
	return setsOf(path, res.First()), nil
}

// setsOf reads the HEADERONLY rows by column name.
func setsOf(path string, rs connection.ResultSet) []set {
	col := map[string]int{}
	for i, c := range rs.Columns {
		col[c] = i
	}
	var out []set
	for _, row := range rs.Rows {
		v := func(name string) any {
			if i, ok := col[name]; ok && i < len(row) {
				return row[i]
			}
			return nil
		}
		out = append(out, set{Path: path, Position: integer(v("Position")), BackupType: integer(v("BackupType")),
			Database: text(v("DatabaseName")), FirstLSN: text(v("FirstLSN")), LastLSN: text(v("LastLSN")),
			DatabaseBackupLSN: text(v("DatabaseBackupLSN")), Start: when(v("BackupStartDate")),
			Finish: when(v("BackupFinishDate")), Size: integer(v("BackupSize")), CopyOnly: truthy(v("IsCopyOnly")),
			Checksum: truthy(v("HasBackupChecksums"))})
	}
	return out
}

// cmpLSN compares two LSNs (numeric(25,0) as text): -1, 0 or +1. An
// unreadable LSN sorts first.
func cmpLSN(a, b string) int {
	x, okx := new(big.Int).SetString(strings.TrimSpace(a), 10)
	y, oky := new(big.Int).SetString(strings.TrimSpace(b), 10)
	switch {
	case !okx && !oky:
		return 0
	case !okx:
		return -1
	case !oky:
		return 1
	}
	return x.Cmp(y)
}

// text returns a column value as text ("" for NULL): go-mssqldb gives
// strings, and connection gives numerics (the LSNs) as their digits.
func text(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// integer reads an integer column; 0 for NULL.
func integer(v any) int64 {
	n, _ := strconv.ParseInt(text(v), 10, 64)
	return n
}

// truthy reads a bit column (go-mssqldb gives a bool).
func truthy(v any) bool {
	b, _ := v.(bool)
	return b
}

// when reads a datetime column; the zero time for NULL.
func when(v any) time.Time {
	t, _ := v.(time.Time)
	return t
}
