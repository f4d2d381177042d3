package backup

import (
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Backup-PcDatabase",
		Synopsis: "Backs up a database or its log to a file or a folder (local or a UNC share), with progress from WITH STATS.",
		Description: "Sends BACKUP DATABASE (-Type Full, the default) or BACKUP LOG (-Type Log) … TO DISK = @p1 WITH " +
			"[COPY_ONLY,] [INIT,] [CHECKSUM,] STATS = 10 and reports the progress SQL Server sends every 10 percent. " +
			"-Path is a file, or a folder (it ends with a separator or its last element has no extension), where the " +
			"file is named <database>_<FULL|LOG>_<UTC yyyyMMddHHmmss>.bak (.trn for a log). The path is the instance's: a " +
			"UNC share (\\\\fs\\pchatlogs) the SQL Server service account can write, or a folder on the SQL Server host. " +
			"Without -Init a backup to an existing file is appended as another backup set. A log backup truncates the " +
			"log and moves the log chain: where log shipping backs the database up, take -CopyOnly backups, or the " +
			"secondary misses the log in this file. Differential backups are not offered (the lab does not take them). " +
			"The output describes the backup set, read back with RESTORE HEADERONLY: file, position, type, first and last " +
			"LSN, database_backup_lsn, start and finish time, size.",
		Impact: cmdlet.ImpactMedium,
		Output: "BackupSet",
		Examples: []cmdlet.Example{
			{Code: `Backup-PcDatabase -SqlInstance dc2-sql1 -Database mgc -Path \\fs.lab.local\pchatlogs -Init -Checksum`, Remarks: "The full backup of R4 (failback) to the share, named from the database and the time."},
			{Code: `Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -CopyOnly -Path D:\Backups\mgc_copy.trn -WhatIf`, Remarks: "Shows the copy-only log backup, which leaves log shipping's chain alone."},
		},
		Related: []string{"Restore-PcDatabase", "Invoke-PcSqlQuery"},
		New:     func() cmdlet.Cmdlet { return new(databaseBackup) },
	})
}

type databaseBackup struct {
	SqlInstance string `param:"position=0,mandatory" help:"The instance that takes the backup."`
	Database    string `param:"mandatory" help:"The database to back up, e.g. mgc."`
	Type        string `param:"set=Full|Log,default=Full" help:"Full (BACKUP DATABASE) or Log (BACKUP LOG)."`
	CopyOnly    bool   `param:"" help:"WITH COPY_ONLY: the backup does not change the differential base or the log chain."`
	Path        string `param:"mandatory" help:"The backup file, or a folder the file is named in; as the instance sees it (local or a UNC share)."`
	Init        bool   `param:"" help:"WITH INIT: overwrites the backup sets in the file instead of appending."`
	Checksum    bool   `param:"" help:"WITH CHECKSUM: verifies page checksums and writes a backup checksum."`
}

// Validate checks that a folder's file name can be built from -Database.
func (c *databaseBackup) Validate() error {
	if isFolder(c.Path) {
		return checkFileNamePart(c.Database)
	}
	return nil
}

// Process runs the backup and writes the set it made.
func (c *databaseBackup) Process(ctx *cmdlet.Context) error {
	qdb, err := quote(c.Database)
	if err != nil {
		return err
	}
	file := c.Path
	if isFolder(c.Path) {
		file = join(c.Path, backupFileName(c.Database, c.Type, ctx.Session.Now()))
	}
	db, _ := worldOf(ctx.Session)
	st := backupStmt(qdb, c.Type, file, c.options())
	st.Activity = "Backing up " + c.Database + " on " + c.SqlInstance
	d, err := apply(ctx, db, c.SqlInstance, st)
	if err != nil {
		return failed(err, "Back up "+c.Database+" on "+c.SqlInstance)
	}
	if d != cmdlet.Proceed {
		return nil
	}
	return c.report(ctx, db, file)
}

// options are the WITH options before STATS, in the documented order.
func (c *databaseBackup) options() []string {
	var o []string
	for _, opt := range []struct {
		on   bool
		name string
	}{{c.CopyOnly, "COPY_ONLY"}, {c.Init, "INIT"}, {c.Checksum, "CHECKSUM"}} {
		if opt.on {
			o = append(o, opt.name)
		}
	}
	return o
}

// backupStmt is BACKUP DATABASE|LOG qdb TO DISK = @p1 WITH …, STATS = 10.
func backupStmt(qdb, typ, file string, opts []string) stmt {
	what := "DATABASE"
	if typ == "Log" {
		what = "LOG"
	}
	with := strings.Join(append(opts, "STATS = 10"), ", ")
	return stmt{SQL: "BACKUP " + what + " " + qdb + " TO DISK = @p1 WITH " + with, Args: []any{file}}
}

// report reads the set just written (the last one in the file) and
// writes it.
func (c *databaseBackup) report(ctx *cmdlet.Context, db SQL, file string) error {
	sets, err := readHeader(ctx, db, c.SqlInstance, file)
	if err != nil {
		return failed(err, "Read the backup set in "+file)
	}
	if len(sets) == 0 {
		return cmdlet.Errorf(cmdlet.CategoryInvalidData, "BackupSetNotFound", file, "RESTORE HEADERONLY shows no backup set in %s.", file)
	}
	ctx.WriteObject(newBackupSet(c.SqlInstance, sets[len(sets)-1]))
	return nil
}

// BackupSet describes one backup set that Backup-PcDatabase wrote.
type BackupSet struct {
	SqlInstance       string
	Database          string
	Type              string // Full or Log
	CopyOnly          bool
	Path              string
	Position          int64 // the set's FILE number in the file
	FirstLSN          string
	LastLSN           string
	DatabaseBackupLSN string // the full backup the log chain starts from
	Start             time.Time
	Finish            time.Time
	Size              int64 // bytes
	Checksum          bool
}

// DefaultView names the properties shown by default.
func (BackupSet) DefaultView() []string {
	return []string{"Database", "Type", "Path", "FirstLSN", "LastLSN", "Finish"}
}

func newBackupSet(instance string, s set) BackupSet {
	return BackupSet{SqlInstance: instance, Database: s.Database, Type: s.typeName(), CopyOnly: s.CopyOnly, Path: s.Path,
		Position: s.Position, FirstLSN: s.FirstLSN, LastLSN: s.LastLSN, DatabaseBackupLSN: s.DatabaseBackupLSN,
		Start: s.Start, Finish: s.Finish, Size: s.Size, Checksum: s.Checksum}
}

var (
	_ cmdlet.Cmdlet        = (*databaseBackup)(nil)
	_ cmdlet.Validator     = (*databaseBackup)(nil)
	_ cmdlet.DefaultViewer = BackupSet{}
)
