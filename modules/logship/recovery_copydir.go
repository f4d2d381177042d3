package logship

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"pcsh/runtime/cmdlet"
)

// unreachableShare matches the operating system errors of a share that
// cannot be reached, as SQL Server and sqllogship print them ("N(text)"):
// 53 ERROR_BAD_NETPATH ("The network path was not found."), 64
// ERROR_NETNAME_DELETED, 67 ERROR_BAD_NET_NAME.
var unreachableShare = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(53|64|67)\(`) })

// copyFailed judges a failed copy job: when its messages say the share
// cannot be reached, -FromCopyDirectory goes on (nil, with a warning) and
// without it the record names the switch; any other failure stops.
func (r *recoveryRun) copyFailed(srv Server, run *JobRun) error {
	c, ctx := r.c, r.ctx
	msgs := []string{run.Message}
	if res, err := query(ctx, srv, Batch(jobStepMessagesQuery, run.started.ID, run.started.After)); err == nil {
		for _, row := range res.First().Rows {
			msgs = append(msgs, str(row[0]))
		}
	}
	var why string
	for _, m := range msgs {
		for _, part := range strings.Split(m, "  ") {
			if why == "" && unreachableShare().MatchString(part) {
				why = strings.TrimSpace(part)
			}
		}
	}
	if why == "" {
		return restoreStopped(run)
	}
	dir := r.sec.CopyDir
	if dir == "" {
		dir = "the copy directory"
	}
	if c.FromCopyDirectory {
		ctx.WriteWarning("The copy job for %s on %s cannot reach the backup share (%s); -FromCopyDirectory: going on with the files already in %s. "+
			"Log backups the share holds beyond them are not restored.", c.Database, c.SqlInstance, why, dir)
		return nil
	}
	return cmdlet.Errorf(cmdlet.CategoryConnectionError, "BackupShareUnreachable", c.SqlInstance,
		"The copy job for %s on %s cannot reach the backup share %s: %s. The database was not recovered: the files the share holds "+
			"beyond those already in %s cannot be copied (R3 step 2).", c.Database, c.SqlInstance, r.sec.ShareDir, why, dir).
		WithHint("re-run with -FromCopyDirectory to restore what %s already holds and recover; log backups only the share holds are then lost", dir)
}

// logFile is one log backup set found in the copy directory.
type logFile struct {
	Path, FirstLSN, LastLSN string
}

// restoreCopyDirectory restores, in LSN order, the log backups of the
// primary database in the copy directory (and extra files such as the
// tail on the share) that continue the chain from the last log restored,
// WITH NORECOVERY: the restore job's work, for a database whose log
// shipping registration (and so its restore job) is already gone. It
// returns the files it restored; a gap in the chain stops it.
func (r *recoveryRun) restoreCopyDirectory(qdb string, extra ...string) ([]string, error) {
	c, ctx := r.c, r.ctx
	dir := c.CopyDirectory
	if dir == "" && r.sec.Last.File != "" {
		dir = r.sec.Last.File[:strings.LastIndexAny(r.sec.Last.File, `\/`)+1]
	}
	if dir == "" {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "CopyDirectoryUnknown", c.SqlInstance,
			"%s on %s has no log shipping registration and no log restore in msdb to find its copy directory from.", c.Database, c.SqlInstance).
			WithHint("give -CopyDirectory, the folder the copy job copied into")
	}
	names, err := stateOf(ctx.Session).List(dir)
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "CopyDirectoryNotReadable", dir,
			"Cannot list the copy directory %s from this machine: %v.", dir, err).
			WithHint("run pcsh where the copy directory can be read, or give -CopyDirectory as this machine reaches it")
	}
	var paths []string
	for _, n := range names {
		if strings.HasPrefix(strings.ToLower(n), strings.ToLower(c.PrimaryDatabase)+"_") && strings.HasSuffix(strings.ToLower(n), ".trn") {
			paths = append(paths, joinPath(dir, n))
		}
	}
	logs := r.readLogFiles(append(paths, extra...))
	return r.applyChain(qdb, logs)
}

// readLogFiles reads the log backup sets of the primary database in
// paths on the secondary; a file it cannot read is skipped with a
// warning. The sets are sorted by FirstLSN.
func (r *recoveryRun) readLogFiles(paths []string) []logFile {
	c, ctx := r.c, r.ctx
	srv, err := r.srvs.get(ctx, c.SqlInstance)
	if err != nil {
		return nil
	}
	var out []logFile
	for _, p := range paths {
		res, err := query(ctx, srv, Batch(headerQuery, p))
		if err != nil {
			ctx.WriteWarning("Skipped %s: %s cannot read it (%s).", p, c.SqlInstance, cmdlet.AsRecord(err).Message)
			continue
		}
		set := res.First()
		typ, db := column(set.Columns, "BackupType"), column(set.Columns, "DatabaseName")
		first, last := column(set.Columns, "FirstLSN"), column(set.Columns, "LastLSN")
		if typ < 0 || db < 0 || first < 0 || last < 0 {
			continue
		}
		for _, row := range set.Rows {
			if n, _ := integer(row[typ]); n == 2 && equalFold(str(row[db]), c.PrimaryDatabase) {
				out = append(out, logFile{Path: p, FirstLSN: str(row[first]), LastLSN: str(row[last])})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b logFile) int { return cmpLSN(a.FirstLSN, b.FirstLSN) })
	return out
}

// applyChain restores the logs that continue the chain from the last log
// restored, skipping those already applied; one beginning after the LSN
// reached is a gap and stops it before recovery.
func (r *recoveryRun) applyChain(qdb string, logs []logFile) ([]string, error) {
	c, ctx := r.c, r.ctx
	reached := r.sec.Last.LastLSN
	var done []string
	for _, l := range logs {
		if reached != "" && cmpLSN(l.LastLSN, reached) <= 0 {
			continue
		}
		if reached != "" && cmpLSN(l.FirstLSN, reached) > 0 {
			return done, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "LogChainGap", c.SqlInstance,
				"The log chain has a gap: %s begins at LSN %s, but %s on %s has reached LSN %s. The database was not recovered.",
				l.Path, l.FirstLSN, c.Database, c.SqlInstance, reached).
				WithHint("put the log backup that holds LSN %s in the copy directory and re-run", reached)
		}
		if _, _, err := runStep(ctx, r.srvs, step{Instance: c.SqlInstance, What: "Restore " + l.Path, Stmt: restoreLogStmt(qdb, l.Path)}); err != nil || ctx.Stopped() {
			return done, err
		}
		done, reached = append(done, l.Path), l.LastLSN
	}
	return done, nil
}

// cmpLSN compares two decimal LSNs.
func cmpLSN(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// sameFile reports whether path names the file name (a path ending in
// it, with either separator).
func sameFile(path, name string) bool {
	return path == name || strings.HasSuffix(strings.ReplaceAll(path, `\`, "/"), "/"+name)
}
