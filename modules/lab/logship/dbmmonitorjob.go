package logship

import (
	"context"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// DbmMonitorJobName is the job sp_dbmmonitoraddmonitoring creates in msdb.
const DbmMonitorJobName = "Database Mirroring Monitor Job"

// dbmMonitorScheduleName is the job's schedule, as SQL Server scripts it.
const dbmMonitorScheduleName = "Database Mirroring Monitor Schedule"

// dbmMonitorProcedures returns the database mirroring monitor job
// procedures (sp-dbmmonitoraddmonitoring, -changemonitoring,
// -helpmonitoring, -dropmonitoring). They live with the log shipping
// procedures because both create Agent jobs in msdb.
func dbmMonitorProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_dbmmonitoraddmonitoring", Database: "msdb", Run: dbmAddMonitoring,
			Params: []agent.Param{p("@update_period", intT, int64(1))}},
		{Name: "sp_dbmmonitorchangemonitoring", Database: "msdb", Run: dbmChangeMonitoring,
			Params: []agent.Param{req("@parameter", intT), req("@value", intT)}},
		{Name: "sp_dbmmonitorhelpmonitoring", Database: "msdb", Run: dbmHelpMonitoring},
		{Name: "sp_dbmmonitordropmonitoring", Database: "msdb", Run: dbmDropMonitoring},
	}
}

// checkUpdatePeriod raises 14266 (the Agent's "invalid value" message)
// for an update period outside the documented 1 to 120 minutes; the
// number SQL Server raises is not documented.
func checkUpdatePeriod(n int64) error {
	if n < 1 || n > 120 {
		return engine.Raise(14266, "@update_period", "1 to 120")
	}
	return nil
}

// dbmAddMonitoring is sp_dbmmonitoraddmonitoring [@update_period]: the
// enabled "Database Mirroring Monitor Job" ([Uncategorized (Local)], one
// TSQL step "exec sys.sp_dbmmonitorupdate" in msdb) on a schedule every
// @update_period minutes. An existing job is left as it is.
func dbmAddMonitoring(ctx context.Context, c *agent.Call) (int, error) {
	period := c.Int("@update_period")
	if err := checkUpdatePeriod(period); err != nil {
		return 1, err
	}
	st, done := c.Store(ctx)
	defer done()
	if old, err := dbmMonitorJob(st); err != nil || old != nil {
		return status(err)
	}
	err := st.InTransaction(func() error { return createDbmMonitorJob(st, c.Instance.Name(), period, now(c)) })
	if err != nil {
		return 1, err
	}
	wake(c)
	return 0, nil
}

// dbmMonitorJob returns the monitor job, or nil.
func dbmMonitorJob(st agent.Store) (agent.Rec, error) {
	return st.First("sysjobs", eqFold("name", DbmMonitorJobName))
}

// createDbmMonitorJob inserts the monitor job, its step and its schedule.
func createDbmMonitorJob(st agent.Store, server string, period int64, t time.Time) error {
	id := [16]byte(uuid.New())
	err := st.Insert("sysjobs", agent.Rec{"job_id": id, "originating_server_id": int64(0), "name": DbmMonitorJobName,
		"enabled": int64(1), "description": "No description available.", "start_step_id": int64(1),
		"category_id": int64(agent.CategoryUncategorized), "owner_sid": []byte{1}, "notify_level_eventlog": int64(0),
		"notify_level_email": int64(0), "notify_level_netsend": int64(0), "notify_level_page": int64(0),
		"delete_level": int64(0), "date_created": t, "date_modified": t, "version_number": int64(1)})
	if err == nil {
		_, err = agent.AddStep(st, id, agent.Step{ID: 1, Name: "", Subsystem: "TSQL",
			Command: "exec sys.sp_dbmmonitorupdate ", Database: "msdb"})
	}
	if err != nil {
		return err
	}
	sched := agent.Schedule{Name: dbmMonitorScheduleName, Enabled: true, FreqType: 4, FreqInterval: 1, SubdayType: 4,
		SubdayInterval: period, StartDate: int64(t.Year())*10000 + int64(t.Month())*100 + int64(t.Day()),
		EndDate: 99991231, EndTime: 235959}
	sid, _, err := agent.AddSchedule(st, sched, t)
	if err == nil {
		err = agent.AttachSchedule(st, id, sid)
	}
	if err == nil {
		err = agent.AddJobServer(st, id, DbmMonitorJobName, server)
	}
	return err
}

// dbmMonitorSchedule returns the monitor job's schedule ids.
func dbmMonitorSchedule(st agent.Store) ([]int64, error) {
	job, err := dbmMonitorJob(st)
	if err != nil || job == nil {
		return nil, err
	}
	links, err := st.Select("sysjobschedules", byGUID("job_id", job.GUID("job_id")))
	ids := make([]int64, 0, len(links))
	for _, l := range links {
		ids = append(ids, l.Int("schedule_id"))
	}
	return ids, err
}

// dbmChangeMonitoring is sp_dbmmonitorchangemonitoring @parameter,
// @value: parameter 1 (the only one documented) sets the update period
// of the job's schedule. Without a monitor job there is nothing to change.
func dbmChangeMonitoring(ctx context.Context, c *agent.Call) (int, error) {
	if c.Int("@parameter") != 1 {
		return 1, engine.Raise(14266, "@parameter", "1")
	}
	period := c.Int("@value")
	if err := checkUpdatePeriod(period); err != nil {
		return 1, err
	}
	st, done := c.Store(ctx)
	defer done()
	ids, err := dbmMonitorSchedule(st)
	if err != nil {
		return 1, err
	}
	for _, id := range ids {
		if _, err := st.Update("sysschedules", func(r agent.Rec) bool { return r.Int("schedule_id") == id },
			func(r agent.Rec) { r["freq_subday_interval"] = period }); err != nil {
			return 1, err
		}
	}
	wake(c)
	return 0, nil
}

// dbmHelpMonitoring is sp_dbmmonitorhelpmonitoring: one row with
// update_period, the job's schedule interval in minutes; no rows without
// a monitor job.
func dbmHelpMonitoring(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	ids, err := dbmMonitorSchedule(st)
	if err != nil {
		return 1, err
	}
	var rows [][]any
	for _, id := range ids[:min(1, len(ids))] {
		s, err := st.First("sysschedules", func(r agent.Rec) bool { return r.Int("schedule_id") == id })
		if err != nil {
			return 1, err
		}
		if s != nil {
			rows = append(rows, []any{s.Int("freq_subday_interval")})
		}
	}
	return 0, c.Rows(columns("update_period int"), rows)
}

// dbmDropMonitoring is sp_dbmmonitordropmonitoring: the monitor job goes,
// with its history and schedule; without one it does nothing.
func dbmDropMonitoring(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	job, err := dbmMonitorJob(st)
	if err != nil || job == nil {
		return status(err)
	}
	if err := agent.DeleteJob(st, job.GUID("job_id"), true, true); err != nil {
		return 1, err
	}
	wake(c)
	return 0, nil
}
