package agent

import (
	"context"
	"sort"
	"strings"

	"pcsh/modules/lab/sqltype"
)

// helpJobProcedures returns sp_help_job (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-help-job).
func helpJobProcedures() []*Procedure {
	return []*Procedure{{Name: "sp_help_job", Database: "msdb", Run: helpJob, Params: []Param{
		{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
		{Name: "@job_aspect", Type: TypeNVarChar}, {Name: "@job_type", Type: TypeNVarChar},
		{Name: "@owner_login_name", Type: TypeSysname}, {Name: "@subsystem", Type: TypeNVarChar},
		{Name: "@category_name", Type: TypeSysname}, {Name: "@enabled", Type: TypeTinyInt},
		{Name: "@execution_status", Type: TypeInt}, {Name: "@date_comparator", Type: TypeNVarChar},
		{Name: "@date_created", Type: TypeNVarChar}, {Name: "@date_last_modified", Type: TypeNVarChar},
		{Name: "@description", Type: TypeNVarChar}}}}
}

// helpJobColumns is sp_help_job's job result set, in documented order.
func helpJobColumns() []sqltype.Column {
	cols := []sqltype.Column{guidCol("job_id"), strCol("originating_server"), strCol("name"), intCol("enabled", sqltype.TypeTinyInt),
		{Name: "description", Type: sqltype.TypeNVarChar, Length: 512, Nullable: true}, intCol("start_step_id", sqltype.TypeInt),
		strCol("category"), strCol("owner")}
	for _, n := range []string{"notify_level_eventlog", "notify_level_email", "notify_level_netsend", "notify_level_page"} {
		cols = append(cols, intCol(n, sqltype.TypeInt))
	}
	cols = append(cols, strCol("notify_email_operator"), strCol("notify_netsend_operator"), strCol("notify_page_operator"),
		intCol("delete_level", sqltype.TypeInt), timeCol("date_created"), timeCol("date_modified"),
		intCol("version_number", sqltype.TypeInt), intCol("last_run_date", sqltype.TypeInt), intCol("last_run_time", sqltype.TypeInt),
		intCol("last_run_outcome", sqltype.TypeInt), intCol("next_run_date", sqltype.TypeInt), intCol("next_run_time", sqltype.TypeInt),
		intCol("next_run_schedule_id", sqltype.TypeInt), intCol("current_execution_status", sqltype.TypeInt),
		strCol("current_execution_step"), intCol("current_retry_attempt", sqltype.TypeInt), intCol("has_step", sqltype.TypeInt),
		intCol("has_schedule", sqltype.TypeInt), intCol("has_target", sqltype.TypeInt), intCol("type", sqltype.TypeInt))
	return cols
}

// helpJob is sp_help_job: one row per job (all jobs, or the one named)
// with its last run, next run and current execution status (1 executing,
// 4 idle). For a named job the steps, schedules and target servers
// follow as result sets of their own.
func helpJob(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	jobs, err := helpJobSelection(st, c)
	if err != nil {
		return 1, err
	}
	var rows [][]any
	for _, j := range jobs {
		row, err := c.helpJobRow(st, j)
		if err != nil {
			return 1, err
		}
		rows = append(rows, row)
	}
	if err := c.Rows(helpJobColumns(), rows); err != nil {
		return 1, err
	}
	if len(jobs) == 1 && (c.Given("@job_id") || c.Given("@job_name")) {
		return boolStatus(c.helpJobDetails(st, jobs[0]))
	}
	return 0, nil
}

// helpJobSelection returns the jobs sp_help_job reports, sorted by name.
func helpJobSelection(st Store, c *Call) ([]Rec, error) {
	if c.Given("@job_id") || c.Given("@job_name") {
		j, err := FindJob(st, c)
		if err != nil {
			return nil, err
		}
		return []Rec{j}, nil
	}
	jobs, err := st.Select("sysjobs", func(r Rec) bool {
		return !c.Given("@enabled") || r.Int("enabled") == c.Int("@enabled")
	})
	sort.Slice(jobs, func(x, y int) bool {
		return strings.ToLower(jobs[x].Str("name")) < strings.ToLower(jobs[y].Str("name"))
	})
	return jobs, err
}

// helpJobRow builds one row of the job result set.
func (c *Call) helpJobRow(st Store, j Rec) ([]any, error) {
	id := j.GUID("job_id")
	srv, _ := st.First("sysjobservers", byJobID(id))
	steps, err := st.Select("sysjobsteps", byJobID(id))
	if err != nil {
		return nil, err
	}
	links, _ := st.Select("sysjobschedules", byJobID(id))
	status, step := int64(4), "0 (unknown)"
	var nextDate, nextTime, nextID int64
	if c.Agent != nil {
		if _, busy := c.Agent.IsRunning(id); busy {
			status, step = 1, "1 (running)"
		}
		if t, sid, ok := c.Agent.NextRun(id); ok {
			nextDate, nextTime, nextID = dateInt(t), timeInt(t), sid
		}
	}
	var lastDate, lastTime, lastOutcome int64 = 0, 0, 5
	if srv != nil {
		lastDate, lastTime, lastOutcome = srv.Int("last_run_date"), srv.Int("last_run_time"), srv.Int("last_run_outcome")
	}
	return []any{id, c.Instance.Name(), j.Str("name"), j.Int("enabled"), j["description"], j.Int("start_step_id"),
		CategoryName(j.Int("category_id")), "sa", j.Int("notify_level_eventlog"), j.Int("notify_level_email"),
		j.Int("notify_level_netsend"), j.Int("notify_level_page"), "(unknown)", "(unknown)", "(unknown)",
		j.Int("delete_level"), j["date_created"], j["date_modified"], j.Int("version_number"), lastDate, lastTime,
		lastOutcome, nextDate, nextTime, nextID, status, step, int64(0), int64(len(steps)), int64(len(links)),
		boolInt(srv != nil), int64(1)}, nil
}

// helpJobDetails writes the steps, schedules and target servers of j.
func (c *Call) helpJobDetails(st Store, j Rec) error {
	id := j.GUID("job_id")
	steps, _ := st.Select("sysjobsteps", byJobID(id))
	sort.Slice(steps, func(x, y int) bool { return steps[x].Int("step_id") < steps[y].Int("step_id") })
	var rows [][]any
	for _, s := range steps {
		rows = append(rows, []any{s.Int("step_id"), s.Str("step_name"), s.Str("subsystem"), s["command"],
			s.Int("on_success_action"), s.Int("on_fail_action"), s["database_name"], s.Int("last_run_outcome"),
			s.Int("last_run_date"), s.Int("last_run_time")})
	}
	if err := c.Rows([]sqltype.Column{intCol("step_id", sqltype.TypeInt), strCol("step_name"), strCol("subsystem"),
		{Name: "command", Type: sqltype.TypeNVarChar, Length: -1, Nullable: true}, intCol("on_success_action", sqltype.TypeInt),
		intCol("on_fail_action", sqltype.TypeInt), strCol("database_name"), intCol("last_run_outcome", sqltype.TypeInt),
		intCol("last_run_date", sqltype.TypeInt), intCol("last_run_time", sqltype.TypeInt)}, rows); err != nil {
		return err
	}
	if err := c.helpJobSchedules(st, id); err != nil {
		return err
	}
	return c.Rows([]sqltype.Column{intCol("server_id", sqltype.TypeInt), strCol("server_name"), intCol("last_run_outcome", sqltype.TypeInt)},
		targetRows(st, id, c.Instance.Name()))
}

// helpJobSchedules writes the schedules result set of job.
func (c *Call) helpJobSchedules(st Store, job [16]byte) error {
	links, _ := st.Select("sysjobschedules", byJobID(job))
	var rows [][]any
	for _, l := range links {
		id := l.Int("schedule_id")
		s, _ := st.First("sysschedules", func(r Rec) bool { return r.Int("schedule_id") == id })
		if s == nil {
			continue
		}
		rows = append(rows, []any{id, s.Str("name"), s.Int("enabled"), s.Int("freq_type"), s.Int("freq_interval"),
			s.Int("freq_subday_type"), s.Int("freq_subday_interval"), s.Int("active_start_date"),
			s.Int("active_start_time"), s.Int("active_end_date"), s.Int("active_end_time"),
			l.Int("next_run_date"), l.Int("next_run_time"), s["schedule_uid"]})
	}
	cols := []sqltype.Column{intCol("schedule_id", sqltype.TypeInt), strCol("schedule_name"), intCol("enabled", sqltype.TypeInt)}
	for _, n := range []string{"freq_type", "freq_interval", "freq_subday_type", "freq_subday_interval",
		"active_start_date", "active_start_time", "active_end_date", "active_end_time", "next_run_date", "next_run_time"} {
		cols = append(cols, intCol(n, sqltype.TypeInt))
	}
	return c.Rows(append(cols, guidCol("schedule_uid")), rows)
}

// targetRows lists the job servers of job.
func targetRows(st Store, job [16]byte, server string) [][]any {
	srv, _ := st.First("sysjobservers", byJobID(job))
	if srv == nil {
		return nil
	}
	return [][]any{{int64(0), server, srv.Int("last_run_outcome")}}
}

// Column helpers for result sets.
func strCol(n string) sqltype.Column {
	return sqltype.Column{Name: n, Type: sqltype.TypeNVarChar, Length: 128, Nullable: true}
}
func intCol(n string, t sqltype.DataType) sqltype.Column {
	return sqltype.Column{Name: n, Type: t, Nullable: true}
}
func guidCol(n string) sqltype.Column {
	return sqltype.Column{Name: n, Type: sqltype.TypeUniqueIdentifier, Nullable: true}
}
func timeCol(n string) sqltype.Column {
	return sqltype.Column{Name: n, Type: sqltype.TypeDateTime, Nullable: true}
}

// boolInt maps a bool to 0/1.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
