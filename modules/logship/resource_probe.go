package logship

import (
	"strings"
	"time"

	"pcsh/modules/connection"
)

// Test-PcResource changes nothing (a Test verb is read-only), so it cannot
// prove by writing that an instance may write to a directory. What it
// checks instead, through the instance itself (so with the SQL Server
// service account, as the log shipping jobs reach the directory):
//
//   - reach: RESTORE LABELONLY of a file that is not there answers
//     "Operating system error 2" (file not found) when the directory is
//     reachable, and another OS error (3 path not found, 5 access denied,
//     53 network path not found, …) when it is not;
//   - evidence of writing: the newest file msdb records the instance wrote
//     there: a backup (backupmediafamily) under the share, a copy of the
//     log shipping copy job (log_shipping_monitor_secondary) for the copy
//     directory. None yet is said in the detail, not judged: a mirror or a
//     backup mirror writes to the share only after a failover.

// The checks a dirProbe answers.
const (
	checkShare   = "Share"
	checkCopyDir = "CopyDirectory"
)

// dirProbe is a directory an instance must reach: the log shipping share
// (check Share) or a secondary's copy directory (check CopyDirectory).
type dirProbe struct {
	Check string
	Dir   string
}

// probeName is the file the reach test asks for; it is also the name
// earlier pcsh versions wrote their probe backup under, so finding it
// reports a leftover to delete.
func probeName(dir, instance string) string {
	return joinPath(dir, "pcsh_probe_"+fileSafe(instance)+".bak")
}

// reachQuery opens the probe file for reading only.
const reachQuery = "RESTORE LABELONLY FROM DISK = @p1"

// The queries for the newest file an instance wrote to a directory.
const (
	shareWrittenQuery = "SELECT TOP (1) f.physical_device_name, s.backup_finish_date FROM msdb.dbo.backupmediafamily AS f " +
		"JOIN msdb.dbo.backupset AS s ON s.media_set_id = f.media_set_id WHERE LEFT(f.physical_device_name, LEN(@p1)) = @p1 " +
		"ORDER BY s.backup_finish_date DESC"
	copiedQuery = "SELECT TOP (1) last_copied_file, last_copied_date FROM msdb.dbo.log_shipping_monitor_secondary " +
		"WHERE last_copied_date IS NOT NULL ORDER BY last_copied_date DESC"
)

// osError2 is how SQL Server's 3201 says the directory was reached but
// the file is not there.
const osError2 = "Operating system error 2("

// probe runs the reach test and looks for evidence of writing.
func (k *checker) probe(p dirProbe) {
	file := probeName(p.Dir, k.t.Instance)
	_, err := k.srv.Query(k.ctx, reachQuery, namedArgs(file)...)
	switch n := connection.ErrorNumber(err); {
	case err == nil:
		k.add(p.Check, "Warning", "%s reaches %s, where an earlier pcsh left its probe backup %s; delete that file.", k.t.Instance, p.Dir, file)
		return
	case n == 3201 && fileNotFound(err), n == 3241:
		// reached: the file is not there, or it opened and is no backup
	case n == 3201:
		k.add(p.Check, "Fail", "%s cannot reach %s: %s", k.t.Instance, p.Dir, connection.PrimaryError(connection.SQLErrors(err)).Message)
		return
	default:
		k.add(p.Check, "Fail", "%s", firstLine(err))
		return
	}
	written, when := k.written(p)
	if written == "" {
		k.add(p.Check, "Warning", "%s reaches %s, but its write access is not proven: msdb shows nothing it wrote there yet "+
			"(its first log backup or copy will; Test-PcResource writes nothing).", k.t.Instance, p.Dir)
		return
	}
	k.add(p.Check, "Pass", "%s reaches %s and last wrote %s there at %s.", k.t.Instance, p.Dir, written, when.Format("2006-01-02 15:04:05"))
}

// fileNotFound reports whether a 3201 names OS error 2: the directory was
// reached and the file is not in it.
func fileNotFound(err error) bool {
	for _, e := range connection.SQLErrors(err) {
		if strings.Contains(e.Message, osError2) {
			return true
		}
	}
	return false
}

// written returns the newest file msdb records the instance wrote to the
// probe's directory, "" for none (or no such msdb table: an instance
// without SQL Server Agent's log shipping tables).
func (k *checker) written(p dirProbe) (string, time.Time) {
	q, args := copiedQuery, []any(nil)
	if p.Check == checkShare {
		q, args = shareWrittenQuery, namedArgs(joinPath(p.Dir, ""))
	}
	res, err := k.srv.Query(k.ctx, q, args...)
	if err != nil || len(res.First().Rows) == 0 {
		return "", time.Time{}
	}
	row := res.First().Rows[0]
	when, _ := row[1].(time.Time)
	return str(row[0]), when
}
