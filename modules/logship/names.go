package logship

import (
	"strings"
	"time"
)

// The job and schedule names SSMS and dbatools give log shipping jobs.
func backupJobName(db string) string             { return "LSBackup_" + db }
func copyJobName(primary, db string) string      { return "LSCopy_" + primary + "_" + db }
func restoreJobName(primary, db string) string   { return "LSRestore_" + primary + "_" + db }
func backupScheduleName(db string) string        { return "LSBackupSchedule_" + db }
func copyScheduleName(primary, db string) string { return "LSCopySchedule_" + primary + "_" + db }
func restoreScheduleName(primary, db string) string {
	return "LSRestoreSchedule_" + primary + "_" + db
}

// joinPath appends name to dir with the separator dir already uses: a
// backslash for UNC and Windows paths, a slash otherwise (lab shares are
// directories of the machine running the lab).
func joinPath(dir, name string) string {
	sep := "/"
	if strings.Contains(dir, `\`) {
		sep = `\`
	}
	return strings.TrimRight(dir, `\/`) + sep + name
}

// stamp is the UTC timestamp log shipping puts in file names.
func stamp(t time.Time) string { return t.UTC().Format("20060102150405") }

// minutes converts a duration to whole minutes, rounding up.
func minutes(d time.Duration) int64 {
	m := int64(d / time.Minute)
	if d%time.Minute != 0 {
		m++
	}
	return m
}

// Schedule is an Agent schedule running every Interval all day, in the
// coarsest unit that holds it exactly: hours (freq_subday_type 8),
// minutes (4) or seconds (2).
type Schedule struct {
	Name     string
	Interval time.Duration
}

// subday returns freq_subday_type and freq_subday_interval.
func (s Schedule) subday() (typ, n int64) {
	switch d := s.Interval; {
	case d%time.Hour == 0:
		return 8, int64(d / time.Hour)
	case d%time.Minute == 0:
		return 4, int64(d / time.Minute)
	}
	return 2, int64((s.Interval + time.Second - 1) / time.Second)
}

// jobSchedule is msdb.dbo.sp_add_jobschedule for job: daily, every
// Interval from 00:00:00 to 23:59:59 (SSMS: freq_type 4, freq_interval 1).
func jobSchedule(job string, s Schedule) Stmt {
	typ, n := s.subday()
	return Proc("msdb.dbo.sp_add_jobschedule", Arg{"job_name", job}, Arg{"name", s.Name}, Arg{"enabled", int64(1)},
		Arg{"freq_type", int64(4)}, Arg{"freq_interval", int64(1)}, Arg{"freq_subday_type", typ},
		Arg{"freq_subday_interval", n}, Arg{"active_start_time", int64(0)}, Arg{"active_end_time", int64(235959)})
}

// enableJob is msdb.dbo.sp_update_job @enabled.
func enableJob(job string, on bool) Stmt {
	v := int64(0)
	if on {
		v = 1
	}
	return Proc("msdb.dbo.sp_update_job", Arg{"job_name", job}, Arg{"enabled", v})
}
