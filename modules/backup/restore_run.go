package backup

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// restoreRun is one Restore-PcDatabase run.
type restoreRun struct {
	c   *databaseRestore
	ctx *cmdlet.Context
	db  SQL
	qdb string
}

// run restores the chain in order, NORECOVERY on all but the last, and
// writes each file restored and then the database's state.
func (r *restoreRun) run(chain []set) error {
	c, ctx := r.c, r.ctx
	if c.Replace && chain[0].BackupType != headerFull {
		ctx.WriteWarning("-Replace applies to RESTORE DATABASE; the files hold no full backup of %s, so it is not used.", c.SourceDatabase)
	}
	shown := false // -WhatIf printed the restores instead of running them
	for i, s := range chain {
		opt := "NORECOVERY"
		if i == len(chain)-1 {
			opt = c.recoveryOption()
		}
		st := restoreStmt(r.qdb, s, opt, c.Standby, c.Replace)
		st.Activity = "Restoring " + c.Database + " on " + c.SqlInstance + " from " + s.Path
		d, err := apply(ctx, r.db, c.SqlInstance, st)
		if err != nil {
			return failed(err, "Restore "+where(s)+" into "+c.Database+" on "+c.SqlInstance)
		}
		shown = shown || d == cmdlet.WhatIfShown
		if d != cmdlet.Proceed {
			if ctx.Stopped() {
				return nil
			}
			continue
		}
		ctx.WriteObject(newRestoredFile(c, s, opt))
	}
	if shown || ctx.Stopped() {
		return nil
	}
	return r.writeState()
}

// writeState writes the database's state after the restore.
func (r *restoreRun) writeState() error {
	st, err := stateOf(r.ctx, r.db, r.c.SqlInstance, r.c.Database)
	if err != nil {
		return failed(err, "Read the state of "+r.c.Database+" on "+r.c.SqlInstance)
	}
	r.ctx.WriteObject(st)
	return nil
}

// restoreStmt is RESTORE DATABASE|LOG qdb FROM DISK = @p1 WITH [FILE =
// @p2,] option[, REPLACE], STATS = 10. REPLACE goes on a full restore
// only; STANDBY's undo file is a parameter too.
func restoreStmt(qdb string, s set, opt, undo string, replace bool) stmt {
	what := "LOG"
	if s.BackupType == headerFull {
		what = "DATABASE"
	}
	st := stmt{Args: []any{s.Path}}
	var with []string
	if s.Position > 1 {
		st.Args = append(st.Args, s.Position)
		with = append(with, "FILE = @p"+itoa(int64(len(st.Args))))
	}
	if opt == "STANDBY" {
		st.Args = append(st.Args, undo)
		opt = "STANDBY = @p" + itoa(int64(len(st.Args)))
	}
	with = append(with, opt)
	if replace && s.BackupType == headerFull {
		with = append(with, "REPLACE")
	}
	with = append(with, "STATS = 10")
	st.SQL = "RESTORE " + what + " " + qdb + " FROM DISK = @p1 WITH " + strings.Join(with, ", ")
	return st
}

// RestoredFile is one backup set Restore-PcDatabase restored.
type RestoredFile struct {
	SqlInstance       string
	Database          string
	Path              string
	Position          int64
	Type              string // Full or Log
	FirstLSN          string
	LastLSN           string
	DatabaseBackupLSN string
	Recovery          string // NORECOVERY, RECOVERY or STANDBY
}

// DefaultView names the properties shown by default.
func (RestoredFile) DefaultView() []string {
	return []string{"Path", "Type", "LastLSN", "Recovery"}
}

func newRestoredFile(c *databaseRestore, s set, opt string) RestoredFile {
	return RestoredFile{SqlInstance: c.SqlInstance, Database: c.Database, Path: s.Path, Position: s.Position,
		Type: s.typeName(), FirstLSN: s.FirstLSN, LastLSN: s.LastLSN, DatabaseBackupLSN: s.DatabaseBackupLSN, Recovery: opt}
}

var _ cmdlet.DefaultViewer = RestoredFile{}
