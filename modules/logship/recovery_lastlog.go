package logship

import (
	"time"

	"pcsh/runtime/cmdlet"
)

// LastRestoredLog is the last log backup restored into the recovered
// database, which Invoke-PcLogShippingRecovery writes last: transactions
// committed on the primary after BackupFinishDate (after LastLSN) are not
// in it, unless TailLog says the file is this run's tail-log backup.
type LastRestoredLog struct {
	SqlInstance      string
	Database         string
	Outcome          string // Recovered, AlreadyRecovered
	File             string // as the instance read it; "" when no log backup was restored
	BackupFinishDate time.Time
	FirstLSN         string
	LastLSN          string
	RestoreDate      time.Time
	TailLog          bool // the file is the tail-log backup this run took: nothing committed is lost
}

// DefaultView names the properties shown by default.
func (LastRestoredLog) DefaultView() []string {
	return []string{"SqlInstance", "Database", "Outcome", "File", "BackupFinishDate", "LastLSN"}
}

// lastRestoredLogQuery reads the newest log restore of database @p1 from
// msdb: restorehistory, its backupset and the file it came from.
const lastRestoredLogQuery = "SELECT TOP (1) f.physical_device_name, b.backup_finish_date, b.first_lsn, b.last_lsn, h.restore_date " +
	"FROM msdb.dbo.restorehistory AS h JOIN msdb.dbo.backupset AS b ON b.backup_set_id = h.backup_set_id " +
	"JOIN msdb.dbo.backupmediafamily AS f ON f.media_set_id = b.media_set_id " +
	"WHERE h.destination_database_name = @p1 AND h.restore_type = N'L' ORDER BY h.restore_history_id DESC"

// readLastRestoredLog reads the last log restore of db on srv; File is ""
// when there is none.
func readLastRestoredLog(ctx *cmdlet.Context, srv Server, db string) (LastRestoredLog, error) {
	out := LastRestoredLog{SqlInstance: srv.Name(), Database: db}
	res, err := query(ctx, srv, Batch(lastRestoredLogQuery, db))
	if err != nil {
		return out, stepFailed(err, "Read the last restored log backup on "+srv.Name())
	}
	if rows := res.First().Rows; len(rows) > 0 {
		r := rows[0]
		out.File, out.BackupFinishDate, out.FirstLSN, out.LastLSN, out.RestoreDate =
			str(r[0]), timeOf(r[1]), str(r[2]), str(r[3]), timeOf(r[4])
	}
	return out, nil
}

// reportLastLog writes the last restored log backup with the outcome,
// and warns what may be lost when it is not this run's tail.
func (r *recoveryRun) reportLastLog(outcome string) error {
	srv, err := r.srvs.get(r.ctx, r.c.SqlInstance)
	if err != nil {
		return err
	}
	last, err := readLastRestoredLog(r.ctx, srv, r.c.Database)
	if err != nil {
		return err
	}
	last.Outcome = outcome
	last.TailLog = r.tail != "" && sameFile(last.File, r.tail)
	switch {
	case last.File == "":
		r.ctx.WriteWarning("No log backup was restored into %s on %s: it holds only its full backup.", r.c.Database, r.c.SqlInstance)
	case !last.TailLog:
		r.ctx.WriteWarning("The last log backup restored into %s on %s is %s, taken at %s (LastLSN %s): transactions committed on the primary after it may be lost.",
			r.c.Database, r.c.SqlInstance, last.File, last.BackupFinishDate.Format(time.RFC3339), last.LastLSN)
	}
	r.ctx.WriteObject(last)
	return nil
}
