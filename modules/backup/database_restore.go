package backup

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Restore-PcDatabase",
		Synopsis: "Restores a database from a backup file, or the whole chain a folder holds in LSN order, WITH RECOVERY, NORECOVERY or STANDBY.",
		Description: "Reads RESTORE HEADERONLY of every file in -Path (files, or folders whose files are listed from where " +
			"pcsh runs) on the restoring instance, keeps the sets of the database (-SourceDatabase, by default -Database), " +
			"and restores the latest full backup, then every log backup that continues the LSN chain from it: a log " +
			"whose FirstLSN is at or before the LSN reached and whose LastLSN is after it. Every file but the last is " +
			"restored WITH NORECOVERY; the last gets -Recovery (the default), -NoRecovery (more logs will follow: " +
			"log shipping, a mirror) or -Standby <undo file> (read-only between restores). A gap in the chain (a later " +
			"log backup that the chain does not reach) stops the cmdlet before anything is restored, with a " +
			"LogChainGap record naming the missing LSN range. Without a full backup among the files, the logs are " +
			"applied from the earliest to a database already RESTORING. -Replace (WITH REPLACE) overwrites an existing " +
			"database and loses its log tail, so it runs only with -AllowDataLoss on the call; so does a full restore " +
			"over an existing ONLINE database without -Replace (SQL Server allows it when that database has no log " +
			"chain yet). -Force never allows data loss. " +
			"Each file restored is written as an object (file, type, LSNs, recovery option), then the database's state.",
		Impact: cmdlet.ImpactHigh,
		Output: "RestoredFile, DatabaseState",
		Examples: []cmdlet.Example{
			{Code: `Restore-PcDatabase -SqlInstance dc2-sql1 -Database mgc -Path \\fs.lab.local\pchatlogs -NoRecovery -WhatIf`, Remarks: "Shows the chain the share holds, restored and left RESTORING."},
			{Code: `Restore-PcDatabase dc1-sql1 -Database mgc -Path \\fs.lab.local\pchatlogs\mgc_FULL_20240101000000.bak -Replace -AllowDataLoss -Force`, Remarks: "R4 (failback): overwrite the rebuilt primary's mgc with the backup data center's full backup, and recover it."},
			{Code: `Restore-PcDatabase dc2-sql1 -Database mgc -Path D:\Ship -Standby D:\Ship\mgc_undo.tuf -Force`, Remarks: "Restores the chain and leaves the database read-only in STANDBY."},
		},
		Related: []string{"Backup-PcDatabase", "Invoke-PcLogShippingRecovery"},
		New:     func() cmdlet.Cmdlet { return new(databaseRestore) },
	})
}

type databaseRestore struct {
	SqlInstance    string   `param:"position=0,mandatory" help:"The instance that restores."`
	Database       string   `param:"mandatory" help:"The database to restore into, e.g. mgc."`
	SourceDatabase string   `param:"" help:"The database the backups are of, when its name differs; default the same as -Database."`
	Path           []string `param:"mandatory" help:"Backup files, or folders of them; as the instance sees them (a folder is also listed from where pcsh runs)."`
	Recovery       bool     `param:"" help:"Recovers the database after the last file (the default)."`
	NoRecovery     bool     `param:"" help:"Leaves the database RESTORING after the last file, for more log restores."`
	Standby        string   `param:"" help:"Leaves the database read-only in STANDBY after the last file, with this undo file (as the instance sees it)."`
	Replace        bool     `param:"" help:"WITH REPLACE: overwrites an existing database and its log tail; needs -AllowDataLoss."`
	AllowDataLoss  bool     `param:"" help:"Allows -Replace to overwrite the existing database, losing what it holds and its log tail."`
}

// Validate allows one recovery option at most.
func (c *databaseRestore) Validate() error {
	n := 0
	for _, on := range []bool{c.Recovery, c.NoRecovery, c.Standby != ""} {
		if on {
			n++
		}
	}
	if n > 1 {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "RecoveryOptionConflict", c.Database,
			"Give one of -Recovery, -NoRecovery and -Standby, not %d.", n)
	}
	return nil
}

// Process plans the chain and restores it.
func (c *databaseRestore) Process(ctx *cmdlet.Context) error {
	if c.SourceDatabase == "" {
		c.SourceDatabase = c.Database
	}
	qdb, err := quote(c.Database)
	if err != nil {
		return err
	}
	db, list := worldOf(ctx.Session)
	if c.Replace {
		if err := c.refuseReplace(ctx, db); err != nil {
			return err
		}
	}
	sets, err := c.gather(ctx, db, list)
	if err != nil {
		return err
	}
	chain, err := planChain(ofDatabase(sets, c.SourceDatabase), c.Database, strings.Join(c.Path, ", "))
	if err != nil {
		return err
	}
	if chain[0].BackupType == headerFull && !c.Replace {
		if err := c.refuseOverwrite(ctx, db); err != nil {
			return err
		}
	}
	r := &restoreRun{c: c, ctx: ctx, db: db, qdb: qdb}
	return r.run(chain)
}

// gather reads the sets of every file in -Path. A file of a listed
// folder that is not a backup is skipped with a warning; a file named in
// -Path must be one.
func (c *databaseRestore) gather(ctx *cmdlet.Context, db SQL, list Lister) ([]set, error) {
	var out []set
	for _, p := range c.Path {
		files, listed := []string{p}, false
		if isFolder(p) {
			var err error
			if files, err = list(ctx, p); err != nil {
				return nil, err
			}
			listed = true
		}
		for _, f := range files {
			sets, err := readHeader(ctx, db, c.SqlInstance, f)
			if err != nil && listed {
				ctx.WriteWarning("Skipped %s: it is not a backup %s can read (%s).", f, c.SqlInstance, cmdlet.AsRecord(err).Message)
				continue
			}
			if err != nil && ctx.Mode() == cmdlet.Planning {
				sets = c.assumedFull(ctx, f, err)
			} else if err != nil {
				return nil, failed(err, "Read the backup sets in "+f)
			}
			out = append(out, sets...)
		}
	}
	return out, nil
}

// assumedFull is what -WhatIf plans for a named file it cannot read, such
// as the full backup an earlier step of a runbook only planned to take:
// one full backup set of the source database, with a warning.
func (c *databaseRestore) assumedFull(ctx *cmdlet.Context, file string, err error) []set {
	ctx.WriteWarning("-WhatIf cannot read the backup sets in %s (%s); it shows the restore of one full backup of %s, as an earlier step would take it.",
		file, strings.TrimSuffix(cmdlet.AsRecord(err).Message, "."), c.SourceDatabase)
	return []set{{Path: file, Position: 1, BackupType: headerFull, Database: c.SourceDatabase}}
}

// recoveryOption is the WITH option of the last file.
func (c *databaseRestore) recoveryOption() string {
	switch {
	case c.NoRecovery:
		return "NORECOVERY"
	case c.Standby != "":
		return "STANDBY"
	}
	return "RECOVERY"
}

var (
	_ cmdlet.Cmdlet    = (*databaseRestore)(nil)
	_ cmdlet.Validator = (*databaseRestore)(nil)
)
