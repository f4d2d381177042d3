package mirror

import (
	"database/sql"

	"pcsh/runtime/cmdlet"
)

// MonitorJobName is the Agent job sp_dbmmonitoraddmonitoring creates.
const MonitorJobName = "Database Mirroring Monitor Job"

// qMonitorJob reads the monitor job and its schedule's period (minutes).
const qMonitorJob = "SELECT j.job_id, s.freq_subday_interval AS update_period FROM msdb.dbo.sysjobs AS j " +
	"LEFT JOIN msdb.dbo.sysjobschedules AS js ON js.job_id = j.job_id " +
	"LEFT JOIN msdb.dbo.sysschedules AS s ON s.schedule_id = js.schedule_id WHERE j.name = @name"

// monitorJob is what an instance has of the monitor job.
type monitorJob struct {
	Exists       bool
	UpdatePeriod int // minutes; 0 when unknown
}

// readMonitorJob reads the monitor job of an instance.
func readMonitorJob(ctx *cmdlet.Context, s SQL) (monitorJob, error) {
	res, err := s.Query(ctx, qMonitorJob, sql.Named("name", MonitorJobName))
	if err != nil {
		return monitorJob{}, err
	}
	r := firstRow(res)
	if r == nil {
		return monitorJob{}, nil
	}
	return monitorJob{Exists: true, UpdatePeriod: int(number(r["update_period"]))}, nil
}

// The monitor procedures, in msdb's sys schema. The period is a validated
// integer (1-120), written into the statement so -WhatIf shows it.
func addMonitoring(period int) string {
	return "EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = " + itoa(period)
}

func changeMonitoring(period int) string {
	return "EXEC msdb.sys.sp_dbmmonitorchangemonitoring @parameter = 1, @value = " + itoa(period)
}

const dropMonitoring = "EXEC msdb.sys.sp_dbmmonitordropmonitoring"

// validPeriod checks -UpdatePeriod against the documented 1 to 120 minutes.
func validPeriod(n int) error {
	if n < 1 || n > 120 {
		return errorf(categoryArg, "InvalidUpdatePeriod", "", "-UpdatePeriod %d is outside 1 to 120 minutes.", n)
	}
	return nil
}

// PcMirroringMonitor is an instance's database mirroring monitor job.
type PcMirroringMonitor struct {
	SqlInstance  string
	JobName      string
	Present      bool
	UpdatePeriod int // minutes
}
