package logship

import (
	"context"
	"fmt"
	"strings"

	"pcsh/modules/lab/agent"
)

// copy is the copy job (sqllogship -Copy secondary_id): it copies the
// primary database's log backup files newer than last_copied_file from
// the backup share to the copy directory, updates last_copied_* in
// log_shipping_secondary and log_shipping_monitor_secondary, and deletes
// restored files past the retention period. A write that fails (a full
// disk) is an error in the history with the operating system's message.
func (sh *shipper) copy(ctx context.Context, st agent.Store, run *agent.StepRun, id [16]byte) agent.StepResult {
	now := run.Agent.Now
	row, err := st.First("log_shipping_secondary", byGUID("secondary_id", id))
	if err != nil || row == nil {
		return agent.StepResult{Message: text(32016, guidText(id), agentCopy)}
	}
	ses := newAgentSession(st, now, id, agentCopy, "")
	ses.log(statusStarting, "Starting transaction log copy. Secondary ID: '"+guidText(id)+"'")
	src, dst, pd := row.Str("backup_source_directory"), row.Str("backup_destination_directory"), row.Str("primary_database")
	ses.log(statusRunning, "Copying log backup files. Primary Server: '"+row.Str("primary_server")+"', Primary Database: '"+
		pd+"', Backup Source Directory: '"+src+"', Backup Destination Directory: '"+dst+"'")
	copied, last, err := sh.copyNew(ses, src, dst, pd, lastName(row.Str("last_copied_file")))
	if last != "" {
		t := now()
		_, _ = st.Update("log_shipping_secondary", byGUID("secondary_id", id), func(r agent.Rec) {
			r["last_copied_file"], r["last_copied_date"] = last, t
		})
		_, _ = st.Update("log_shipping_monitor_secondary", byGUID("secondary_id", id), func(r agent.Rec) {
			r["last_copied_file"], r["last_copied_date"], r["last_copied_date_utc"] = last, t, t.UTC()
		})
	}
	if err != nil {
		ses.fail(err, "sqllogship")
		ses.log(statusError, "----- END OF TRANSACTION LOG COPY     -----")
		return ses.result(false, "The copy operation failed. Secondary ID: '"+guidText(id)+"'.")
	}
	sh.deleteOld(ses, dst, pd, row.Int("file_retention_period"), now(), restoredFloor(st, id))
	summary := fmt.Sprintf("The copy operation was successful. Secondary ID: '%s', Number of log backup files copied: %d",
		guidText(id), copied)
	ses.log(statusRunning, summary)
	ses.log(statusSuccess, "----- END OF TRANSACTION LOG COPY     -----")
	return ses.result(true, summary)
}

// copyNew copies the files after lastCopied; it returns the count and
// the path of the last file copied.
func (sh *shipper) copyNew(ses *agentSession, src, dst, db, lastCopied string) (int, string, error) {
	files, err := backupFiles(sh.fs, src, db)
	if err != nil {
		return 0, "", fmt.Errorf("Could not find a part of the path '%s'. %s", src, osErrorText(err))
	}
	if err := sh.fs.MkdirAll(dst); err != nil {
		return 0, "", fmt.Errorf("Could not create the directory '%s'. %s", dst, osErrorText(err))
	}
	n, last := 0, ""
	for _, f := range files {
		if lastCopied != "" && strings.ToLower(f) <= strings.ToLower(lastCopied) {
			continue
		}
		from, to := joinPath(src, f), joinPath(dst, f)
		data, err := sh.fs.ReadFile(from)
		if err == nil {
			err = sh.fs.WriteFile(to, data)
		}
		if err != nil {
			return n, last, fmt.Errorf("Could not copy file '%s' to '%s'. Operating system error %s", from, to, osErrorText(err))
		}
		ses.log(statusRunning, "Copied log backup file. Source: '"+from+"', Destination: '"+to+"'")
		n, last = n+1, to
	}
	return n, last, nil
}

// lastName returns the file name of a stored path ("" for none).
func lastName(path string) string {
	if path == "" {
		return ""
	}
	return baseName(path)
}

// restoredFloor returns the oldest last_restored_file name among the
// secondary databases of id: files from it on are kept by retention.
func restoredFloor(st agent.Store, id [16]byte) string {
	rows, _ := st.Select("log_shipping_secondary_databases", byGUID("secondary_id", id))
	floor := ""
	for _, r := range rows {
		name := lastName(r.Str("last_restored_file"))
		if name == "" {
			return " "
		}
		if floor == "" || name < floor {
			floor = name
		}
	}
	if floor == "" {
		return " "
	}
	return floor
}
