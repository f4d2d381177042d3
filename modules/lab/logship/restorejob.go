package logship

import (
	"context"
	"fmt"
	"strings"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// restore is the restore job (sqllogship -Restore secondary_id): for each
// secondary database of the id it restores the copied log backups in LSN
// order, skipping those already applied and stopping at one younger than
// the restore delay, WITH NORECOVERY or STANDBY, disconnecting users when
// configured. A file that cannot be read or restored (a corrupt .trn) is
// an error and is not restored.
func (sh *shipper) restore(ctx context.Context, st agent.Store, run *agent.StepRun, id [16]byte) agent.StepResult {
	sec, err := st.First("log_shipping_secondary", byGUID("secondary_id", id))
	dbs, err2 := st.Select("log_shipping_secondary_databases", byGUID("secondary_id", id))
	if err != nil || err2 != nil || sec == nil {
		return agent.StepResult{Message: text(32016, guidText(id), agentRestore)}
	}
	ok, summary := true, ""
	for _, db := range dbs {
		res := sh.restoreDatabase(ctx, st, run, sec, db)
		ok = ok && res.Succeeded
		summary += res.Message + "  "
	}
	if ok {
		return agent.StepResult{Succeeded: true, Message: strings.TrimSpace(summary)}
	}
	return agent.StepResult{Message: strings.TrimSpace(summary)}
}

// restoreRun is the state of one secondary database's restore session.
type restoreRun struct {
	sh   *shipper
	ses  *agentSession
	run  *agent.StepRun
	sec  agent.Rec
	db   agent.Rec
	name string
}

// restoreDatabase restores the pending files of one secondary database.
func (sh *shipper) restoreDatabase(ctx context.Context, st agent.Store, run *agent.StepRun, sec, db agent.Rec) agent.StepResult {
	name := db.Str("secondary_database")
	ses := newAgentSession(st, run.Agent.Now, sec.GUID("secondary_id"), agentRestore, name)
	r := &restoreRun{sh: sh, ses: ses, run: run, sec: sec, db: db, name: name}
	ses.log(statusStarting, "Starting transaction log restore. Secondary ID: '"+guidText(sec.GUID("secondary_id"))+"'")
	ses.log(statusRunning, fmt.Sprintf("Retrieved database restore settings. Secondary Database: '%s', Restore Delay: %d, "+
		"Restore All: %t, Restore Mode: %s, Disconnect Users: %t, Last Restored File: %s", name, db.Int("restore_delay"),
		db.Int("restore_all") != 0, modeName(db.Int("restore_mode")), db.Int("disconnect_users") != 0,
		noneIfEmpty(db.Str("last_restored_file"))))
	n, err := r.apply(ctx, st)
	if err != nil {
		ses.fail(err, "sqllogship")
		ses.log(statusError, "----- END OF TRANSACTION LOG RESTORE   -----")
		return ses.result(false, "The restore operation failed. Secondary Database: '"+name+"'.")
	}
	if mon, _ := st.First("log_shipping_monitor_secondary", eqFold("secondary_database", name)); mon != nil {
		cleanupHistory(st, sec.GUID("secondary_id"), agentRestore, mon.Int("history_retention_period"), run.Agent.Now())
	}
	summary := fmt.Sprintf("The restore operation was successful. Secondary Database: '%s', Number of log backup files restored: %d", name, n)
	ses.log(statusRunning, summary)
	ses.log(statusSuccess, "----- END OF TRANSACTION LOG RESTORE   -----")
	return ses.result(true, summary)
}

// candidate is a copied log backup file with its header.
type candidate struct {
	path string
	hdr  logHeader
}

// apply restores the applicable files and returns how many it restored.
func (r *restoreRun) apply(ctx context.Context, st agent.Store) (int, error) {
	inst := r.run.Agent.Instance()
	files, err := r.candidates(inst)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range files {
		chain, err := inst.LogChain(r.name)
		if err != nil {
			return n, err
		}
		if c.hdr.last <= chain.RestoredLSN {
			r.ses.log(statusRunning, "Skipped log backup file. Secondary DB: '"+r.name+"', File: '"+c.path+"'")
			continue
		}
		if r.tooYoung(c.path) {
			r.ses.log(statusRunning, "Could not apply log backup file '"+c.path+"' yet: the restore delay has not elapsed.")
			break
		}
		if err := r.restoreFile(ctx, st, c); err != nil {
			return n, err
		}
		n++
		if r.db.Int("restore_all") == 0 {
			break
		}
	}
	return n, nil
}

// candidates reads the headers of the copied files of the primary
// database, in LSN order; an unreadable file is an error.
func (r *restoreRun) candidates(inst *engine.Instance) ([]candidate, error) {
	dir, pd := r.sec.Str("backup_destination_directory"), r.sec.Str("primary_database")
	names, err := backupFiles(r.sh.fs, dir, pd)
	if err != nil {
		return nil, fmt.Errorf("Could not find a part of the path '%s'. %s", dir, osErrorText(err))
	}
	var out []candidate
	for _, n := range names {
		path := joinPath(dir, n)
		h, err := readHeader(inst, r.sh.fs.Local(path))
		if err != nil {
			return out, err
		}
		out = append(out, candidate{path: path, hdr: h})
	}
	sortCandidates(out)
	return out, nil
}

// sortCandidates orders files by FirstLSN, then name.
func sortCandidates(cs []candidate) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && (cs[j].hdr.first < cs[j-1].hdr.first ||
			cs[j].hdr.first == cs[j-1].hdr.first && cs[j].path < cs[j-1].path); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// tooYoung reports whether a file is younger than the restore delay
// (by the UTC time in its name).
func (r *restoreRun) tooYoung(path string) bool {
	delay := r.db.Int("restore_delay")
	if delay <= 0 {
		return false
	}
	t, ok := fileTime(r.sec.Str("primary_database"), path)
	return ok && r.run.Agent.Now().UTC().Before(t.Add(time.Duration(delay)*time.Minute))
}

// restoreFile restores one file and records it.
func (r *restoreRun) restoreFile(ctx context.Context, st agent.Store, c candidate) error {
	inst := r.run.Agent.Instance()
	if r.db.Int("disconnect_users") != 0 {
		r.disconnect(inst)
	}
	opts := engine.RestoreOptions{NoRecovery: true}
	if r.db.Int("restore_mode") != 0 {
		opts = engine.RestoreOptions{Standby: r.sh.fs.Local(joinPath(r.sec.Str("backup_destination_directory"), r.name+".tuf"))}
	}
	if err := inst.RestoreLog(ctx, r.run.Session, r.name, r.sh.fs.Local(c.path), opts); err != nil {
		return err
	}
	t := r.run.Agent.Now()
	latency := int64(0)
	if !c.hdr.finished.IsZero() {
		latency = int64(t.Sub(c.hdr.finished) / time.Minute)
	}
	r.ses.log(statusRunning, "Restored log backup file. Secondary DB: '"+r.name+"', File: '"+c.path+"'")
	_, _ = st.Update("log_shipping_secondary_databases", eqFold("secondary_database", r.name), func(x agent.Rec) {
		x["last_restored_file"], x["last_restored_date"] = c.path, t
	})
	_, _ = st.Update("log_shipping_monitor_secondary", eqFold("secondary_database", r.name), func(x agent.Rec) {
		x["last_restored_file"], x["last_restored_date"], x["last_restored_date_utc"] = c.path, t, t.UTC()
		x["last_restored_latency"] = latency
	})
	return nil
}

// disconnect kills the sessions using the secondary database.
func (r *restoreRun) disconnect(inst *engine.Instance) {
	for _, s := range inst.Sessions() {
		if strings.EqualFold(s.Database, r.name) && s.SessionID != r.run.Session.SPID() {
			_ = inst.Kill(nil, s.SessionID)
		}
	}
}

// modeName names a restore_mode.
func modeName(m int64) string {
	if m != 0 {
		return "Standby"
	}
	return "NoRecovery"
}

// noneIfEmpty prints "<None>" for an empty value, as sqllogship does.
func noneIfEmpty(s string) string {
	if s == "" {
		return "<None>"
	}
	return s
}
