package logship

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// backup is the backup job (sqllogship -Backup primary_id): BACKUP LOG
// to <backup_directory>\<db>_<yyyyMMddHHmmss>.trn, the primary and
// monitor rows' last backup, retention cleanup and history cleanup. On a
// database that is not ONLINE (the mirror of a mirrored primary is
// RESTORING) it logs 32008 and succeeds, as the docs describe for the
// mirror/primary of a log shipping configuration.
func (sh *shipper) backup(ctx context.Context, st agent.Store, run *agent.StepRun, id [16]byte) agent.StepResult {
	now := run.Agent.Now
	row, err := st.First("log_shipping_primary_databases", byGUID("primary_id", id))
	if err != nil || row == nil {
		return agent.StepResult{Message: text(32016, strings.ToUpper(uuid.UUID(id).String()), agentBackup)}
	}
	db := row.Str("primary_database")
	ses := newAgentSession(st, now, id, agentBackup, db)
	ses.log(statusStarting, "Starting transaction log backup. Primary ID: '"+guidText(id)+"'")
	ses.log(statusRunning, "Retrieved backup settings. Primary Database: '"+db+"', Backup Directory: '"+
		row.Str("backup_directory")+"', Backup Retention Period: "+itoa(row.Int("backup_retention_period"))+" minute(s)")
	if info, err := run.Agent.Instance().Database(db); err != nil || info.State != engine.StateOnline || info.IsInStandby {
		msg := text(32008, db)
		ses.log(statusWarning, msg)
		ses.log(statusSuccess, "----- END OF TRANSACTION LOG BACKUP   -----")
		return agent.StepResult{Succeeded: true, Message: msg + "  Process Exit Code 0."}
	}
	path, err := sh.backupTo(ctx, run, row, db, now())
	if err != nil {
		ses.fail(err, "sqllogship")
		ses.log(statusError, "----- END OF TRANSACTION LOG BACKUP   -----")
		return ses.result(false, "The backup operation failed. Primary Database: '"+db+"'.")
	}
	t := now()
	_, _ = st.Update("log_shipping_primary_databases", byGUID("primary_id", id), func(r agent.Rec) {
		r["last_backup_file"], r["last_backup_date"] = path, t
	})
	_, _ = st.Update("log_shipping_monitor_primary", byGUID("primary_id", id), func(r agent.Rec) {
		r["last_backup_file"], r["last_backup_date"], r["last_backup_date_utc"] = path, t, t.UTC()
	})
	sh.deleteOld(ses, row.Str("backup_directory"), db, row.Int("backup_retention_period"), t, "")
	if mon, _ := st.First("log_shipping_monitor_primary", byGUID("primary_id", id)); mon != nil {
		cleanupHistory(st, id, agentBackup, mon.Int("history_retention_period"), t)
	}
	summary := "The backup operation was successful. Primary Database: '" + db + "', Log Backup File: '" + path + "'"
	ses.log(statusRunning, summary)
	ses.log(statusSuccess, "----- END OF TRANSACTION LOG BACKUP   -----")
	return ses.result(true, summary)
}

// backupTo backs the log up to a new file in the backup directory and
// returns its path.
func (sh *shipper) backupTo(ctx context.Context, run *agent.StepRun, row agent.Rec, db string, t time.Time) (string, error) {
	dir := row.Str("backup_directory")
	name, err := backupFileName(db, t)
	if err != nil {
		return "", err
	}
	path := joinPath(dir, name)
	for k := 1; sh.exists(path); k++ {
		name, _ = backupFileName(db, t.Add(time.Duration(k)*time.Second))
		path = joinPath(dir, name)
	}
	opts := engine.BackupOptions{Compression: row.Int("backup_compression") == 1}
	return path, run.Agent.Instance().BackupLog(ctx, run.Session, db, path, opts)
}

// exists reports whether a file exists.
func (sh *shipper) exists(path string) bool {
	entries, err := sh.fs.ReadDir(dirName(path))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Name() == baseName(path) {
			return true
		}
	}
	return false
}

// deleteOld deletes db's log backup files in dir older than retention
// minutes; keepFrom, when not empty, protects that file and later ones.
func (sh *shipper) deleteOld(ses *agentSession, dir, db string, retention int64, now time.Time, keepFrom string) {
	if retention <= 0 {
		return
	}
	files, err := backupFiles(sh.fs, dir, db)
	if err != nil {
		return
	}
	cut := now.Add(-time.Duration(retention) * time.Minute)
	for _, f := range files {
		t, _ := fileTime(db, f)
		if !t.Before(cut) || (keepFrom != "" && f >= keepFrom) {
			continue
		}
		if err := sh.fs.Remove(joinPath(dir, f)); err == nil {
			ses.log(statusRunning, "Deleted old log backup file. File: '"+joinPath(dir, f)+"'")
		}
	}
}

// guidText is the upper-case text of a uniqueidentifier.
func guidText(id [16]byte) string { return strings.ToUpper(uuid.UUID(id).String()) }
