package logship

import (
	"context"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// alertJobProcedures returns sp_add_log_shipping_alert_job,
// sp_delete_log_shipping_alert_job and sp_help_log_shipping_alert_job
// (MicrosoftDocs/sql-docs system-stored-procedures/
// sp-add-log-shipping-alert-job …).
func alertJobProcedures() []*agent.Procedure {
	return []*agent.Procedure{
		{Name: "sp_add_log_shipping_alert_job", Database: "master", Run: addAlertJob,
			Params: []agent.Param{out("@alert_job_id", guidT)}},
		{Name: "sp_delete_log_shipping_alert_job", Database: "master", Run: deleteAlertJob},
		{Name: "sp_help_log_shipping_alert_job", Database: "master", Run: helpAlertJob},
	}
}

// alertJobName is the alert job's name.
func alertJobName(server string) string { return "LSAlert_" + server }

// addAlertJob is sp_add_log_shipping_alert_job: it creates the alert job
// if there is none (enabled, every two minutes) and records it in
// log_shipping_monitor_alert; @alert_job_id OUTPUT.
func addAlertJob(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	if row, err := st.First("log_shipping_monitor_alert", nil); err != nil || row != nil {
		if row != nil {
			c.SetOutput("@alert_job_id", row.GUID("alert_job_id"))
		}
		return status(err)
	}
	var id [16]byte
	err := st.InTransaction(func() error {
		var err error
		id, err = createAlertJob(st, c.Instance.Name(), now(c))
		return err
	})
	if err != nil {
		return 1, err
	}
	c.SetOutput("@alert_job_id", id)
	wake(c)
	return 0, nil
}

// createAlertJob creates the alert job and its schedule.
func createAlertJob(st agent.Store, server string, t time.Time) ([16]byte, error) {
	id, err := createJob(st, server, lsJob{name: alertJobName(server), description: text(32019), stepName: text(32020),
		subsystem: "TSQL", command: "sys.sp_check_log_shipping_monitor_alert", enabled: true}, t)
	if err != nil {
		return id, err
	}
	sched := agent.Schedule{Name: text(32021), Enabled: true, FreqType: 4, FreqInterval: 1, SubdayType: 4,
		SubdayInterval: 2, StartDate: int64(t.Year())*10000 + int64(t.Month())*100 + int64(t.Day()),
		EndDate: 99991231, EndTime: 235900}
	sid, _, err := agent.AddSchedule(st, sched, t)
	if err == nil {
		err = agent.AttachSchedule(st, id, sid)
	}
	if err == nil {
		err = st.Insert("log_shipping_monitor_alert", agent.Rec{"alert_job_id": id})
	}
	return id, err
}

// deleteAlertJob is sp_delete_log_shipping_alert_job: the alert job goes
// when no primary or secondary database is configured any more.
func deleteAlertJob(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	prims, err := st.Select("log_shipping_monitor_primary", nil)
	secs, err2 := st.Select("log_shipping_monitor_secondary", nil)
	if err != nil || err2 != nil || len(prims)+len(secs) > 0 {
		return status(err)
	}
	row, err := st.First("log_shipping_monitor_alert", nil)
	if err != nil || row == nil {
		return status(err)
	}
	err = deleteJob(st, row["alert_job_id"])
	if err == nil {
		_, err = st.Delete("log_shipping_monitor_alert", nil)
	}
	wake(c)
	return status(err)
}

// helpAlertJob is sp_help_log_shipping_alert_job: the alert job id.
func helpAlertJob(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	rows, err := st.Select("log_shipping_monitor_alert", nil)
	if err != nil {
		return 1, err
	}
	var out [][]any
	for _, r := range rows {
		out = append(out, []any{r["alert_job_id"]})
	}
	return status(c.Rows([]sqltype.Column{{Name: "alert_job_id", Type: sqltype.TypeUniqueIdentifier, Nullable: true}}, out))
}

// checkAlerts is sys.sp_check_log_shipping_monitor_alert: 14420 for each
// primary whose last backup is older than its backup threshold, 14421
// for each secondary whose last restore is older than (or whose latency
// exceeds) its restore threshold, when the alert is enabled. Each alert
// goes to log_shipping_monitor_error_detail and fails the step with the
// message, as the raised error fails the alert job in SQL Server.
func checkAlerts(st agent.Store, t time.Time) agent.StepResult {
	var raised []*engine.Error
	prims, _ := st.Select("log_shipping_monitor_primary", func(r agent.Rec) bool { return r.Int("threshold_alert_enabled") != 0 })
	for _, r := range prims {
		if e := primaryAlert(r, t); e != nil {
			recordAlert(st, t, r.GUID("primary_id"), agentBackup, r.Str("primary_database"), e)
			raised = append(raised, e)
		}
	}
	secs, _ := st.Select("log_shipping_monitor_secondary", func(r agent.Rec) bool { return r.Int("threshold_alert_enabled") != 0 })
	for _, r := range secs {
		if e := secondaryAlert(r, t); e != nil {
			recordAlert(st, t, r.GUID("secondary_id"), agentRestore, r.Str("secondary_database"), e)
			raised = append(raised, e)
		}
	}
	if len(raised) == 0 {
		return agent.StepResult{Succeeded: true, Message: "The log shipping thresholds were checked; no alert was raised."}
	}
	msg := ""
	for _, e := range raised {
		msg += e.Message + " [SQLSTATE 42000] (Error " + itoa(int64(e.Number)) + ")  "
	}
	return agent.StepResult{Message: msg, Error: raised[0]}
}

// primaryAlert returns 14420 when a primary is past its backup threshold.
func primaryAlert(r agent.Rec, t time.Time) *engine.Error {
	last, ok := r["last_backup_date_utc"].(time.Time)
	if !ok {
		return nil
	}
	since := int64(t.UTC().Sub(last) / time.Minute)
	if since <= r.Int("backup_threshold") {
		return nil
	}
	return engine.Raise(14420, r.Str("primary_server"), r.Str("primary_database"), r.Int("backup_threshold"), since)
}

// secondaryAlert returns 14421 when a secondary is past its restore
// threshold.
func secondaryAlert(r agent.Rec, t time.Time) *engine.Error {
	last, ok := r["last_restored_date_utc"].(time.Time)
	if !ok {
		return nil
	}
	since, latency := int64(t.UTC().Sub(last)/time.Minute), r.Int("last_restored_latency")
	if since <= r.Int("restore_threshold") && latency <= r.Int("restore_threshold") {
		return nil
	}
	return engine.Raise(14421, r.Str("secondary_server"), r.Str("secondary_database"), r.Int("restore_threshold"), since, latency)
}

// recordAlert writes an alert to log_shipping_monitor_error_detail.
func recordAlert(st agent.Store, t time.Time, id [16]byte, typ int64, db string, e *engine.Error) {
	_ = st.Insert("log_shipping_monitor_error_detail", agent.Rec{"agent_id": id, "agent_type": typ, "session_id": int64(0),
		"database_name": db, "sequence_number": int64(1), "log_time": t, "log_time_utc": t.UTC(), "message": e.Message,
		"source": "sp_check_log_shipping_monitor_alert", "help_url": nil})
}
