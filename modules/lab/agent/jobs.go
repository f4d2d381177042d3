package agent

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
)

// jobProcedures returns sp_add_job, sp_update_job, sp_delete_job and
// sp_add_jobserver (MicrosoftDocs/sql-docs system-stored-procedures/
// sp-add-job, sp-update-job, sp-delete-job, sp-add-jobserver).
func jobProcedures() []*Procedure {
	return []*Procedure{
		{Name: "sp_add_job", Database: "msdb", Run: addJob, Params: append([]Param{
			{Name: "@job_name", Type: TypeSysname, Required: true},
			{Name: "@enabled", Type: TypeTinyInt, Default: int64(1)},
		}, append(jobAttributes(), Param{Name: "@job_id", Type: TypeUniqueIdentifier, Output: true})...)},
		{Name: "sp_update_job", Database: "msdb", Run: updateJob, Params: append([]Param{
			{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
			{Name: "@new_name", Type: TypeSysname}, {Name: "@enabled", Type: TypeTinyInt},
		}, append(jobAttributes(), Param{Name: "@automatic_post", Type: TypeBit, Default: true})...)},
		{Name: "sp_delete_job", Database: "msdb", Run: deleteJob, Params: []Param{
			{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
			{Name: "@originating_server", Type: TypeSysname}, {Name: "@delete_history", Type: TypeBit, Default: true},
			{Name: "@delete_unused_schedule", Type: TypeBit, Default: true}}},
		{Name: "sp_add_jobserver", Database: "msdb", Run: addJobServer, Params: []Param{
			{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
			{Name: "@server_name", Type: TypeSysname}, {Name: "@automatic_post", Type: TypeBit, Default: true}}},
	}
}

// jobAttributes are the optional job parameters sp_add_job and
// sp_update_job share (defaults are sp_add_job's).
func jobAttributes() []Param {
	return []Param{
		{Name: "@description", Type: TypeNVarChar}, {Name: "@start_step_id", Type: TypeInt, Default: int64(1)},
		{Name: "@category_name", Type: TypeSysname}, {Name: "@category_id", Type: TypeInt},
		{Name: "@owner_login_name", Type: TypeSysname},
		{Name: "@notify_level_eventlog", Type: TypeInt, Default: int64(2)},
		{Name: "@notify_level_email", Type: TypeInt, Default: int64(0)},
		{Name: "@notify_level_netsend", Type: TypeInt, Default: int64(0)},
		{Name: "@notify_level_page", Type: TypeInt, Default: int64(0)},
		{Name: "@notify_email_operator_name", Type: TypeSysname},
		{Name: "@notify_netsend_operator_name", Type: TypeSysname},
		{Name: "@notify_page_operator_name", Type: TypeSysname},
		{Name: "@delete_level", Type: TypeInt, Default: int64(0)},
	}
}

// addJob is sp_add_job: a new job (14261 if the name is taken), with
// @job_id OUTPUT.
func addJob(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	name := c.String("@job_name")
	if j, err := st.First("sysjobs", func(r Rec) bool { return strings.EqualFold(r.Str("name"), name) }); err != nil || j != nil {
		if err == nil {
			err = engine.Raise(14261, "@job_name", name)
		}
		return 1, err
	}
	id := [16]byte(uuid.New())
	now := c.nowOr()
	err := st.Insert("sysjobs", Rec{"job_id": id, "originating_server_id": int64(0), "name": name,
		"enabled": c.Int("@enabled"), "description": descriptionOf(c), "start_step_id": c.Int("@start_step_id"),
		"category_id": CategoryID(c.String("@category_name"), c.Value("@category_id")),
		"owner_sid":   []byte{1}, "notify_level_eventlog": c.Int("@notify_level_eventlog"),
		"notify_level_email": c.Int("@notify_level_email"), "notify_level_netsend": c.Int("@notify_level_netsend"),
		"notify_level_page": c.Int("@notify_level_page"), "notify_email_operator_id": int64(0),
		"notify_netsend_operator_id": int64(0), "notify_page_operator_id": int64(0),
		"delete_level": c.Int("@delete_level"), "date_created": now, "date_modified": now, "version_number": int64(1)})
	if err != nil {
		return 1, err
	}
	c.SetOutput("@job_id", id)
	return 0, nil
}

// descriptionOf is @description, defaulting as sp_add_job does.
func descriptionOf(c *Call) any {
	if c.IsNull("@description") {
		return "No description available."
	}
	return c.String("@description")
}

// updateJob is sp_update_job: changes only the attributes supplied.
func updateJob(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	id := j.GUID("job_id")
	_, err = st.Update("sysjobs", byJobID(id), func(r Rec) {
		for param, col := range updatableJobColumns() {
			if c.Given(param) {
				r[col] = c.Value(param)
			}
		}
		if c.Given("@category_name") {
			r["category_id"] = CategoryID(c.String("@category_name"), nil)
		}
		r["date_modified"], r["version_number"] = c.nowOr(), r.Int("version_number")+1
	})
	if err != nil {
		return 1, err
	}
	c.wake()
	return 0, nil
}

// updatableJobColumns maps sp_update_job parameters to sysjobs columns.
func updatableJobColumns() map[string]string {
	return map[string]string{"@new_name": "name", "@enabled": "enabled", "@description": "description",
		"@start_step_id": "start_step_id", "@notify_level_eventlog": "notify_level_eventlog",
		"@notify_level_email": "notify_level_email", "@notify_level_netsend": "notify_level_netsend",
		"@notify_level_page": "notify_level_page", "@delete_level": "delete_level"}
}

// deleteJob is sp_delete_job: the job, its steps, schedule links, server
// rows and (by default) history; schedules no other job uses go too.
func deleteJob(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	return boolStatus(DeleteJob(st, j.GUID("job_id"), c.Bool("@delete_history"), c.Bool("@delete_unused_schedule")))
}

// DeleteJob removes job and what belongs to it, as sp_delete_job does.
func DeleteJob(st Store, job [16]byte, history, unusedSchedules bool) error {
	links, err := st.Select("sysjobschedules", byJobID(job))
	if err != nil {
		return err
	}
	for _, t := range []string{"sysjobsteps", "sysjobschedules", "sysjobservers", "sysjobs"} {
		if _, err := st.Delete(t, byJobID(job)); err != nil {
			return err
		}
	}
	if history {
		if _, err := st.Delete("sysjobhistory", byJobID(job)); err != nil {
			return err
		}
	}
	if unusedSchedules {
		return deleteUnused(st, links)
	}
	return nil
}

// deleteUnused deletes the schedules of links no job uses any more.
func deleteUnused(st Store, links []Rec) error {
	for _, l := range links {
		id := l.Int("schedule_id")
		used, err := st.First("sysjobschedules", func(r Rec) bool { return r.Int("schedule_id") == id })
		if err != nil {
			return err
		}
		if used == nil {
			if _, err := st.Delete("sysschedules", func(r Rec) bool { return r.Int("schedule_id") == id }); err != nil {
				return err
			}
		}
	}
	return nil
}

// addJobServer is sp_add_jobserver: targets the job at the local server
// (14269 when it already is).
func addJobServer(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	return boolStatus(AddJobServer(st, j.GUID("job_id"), j.Str("name"), c.Instance.Name()))
}

// AddJobServer targets job at the local server (server_id 0).
func AddJobServer(st Store, job [16]byte, name, server string) error {
	if r, err := st.First("sysjobservers", byJobID(job)); err != nil || r != nil {
		if err == nil {
			err = engine.Raise(14269, name, server)
		}
		return err
	}
	return st.Insert("sysjobservers", Rec{"job_id": job, "server_id": int64(0), "last_run_outcome": int64(5),
		"last_run_date": int64(0), "last_run_time": int64(0), "last_run_duration": int64(0)})
}

// boolStatus maps an error to the documented return status.
func boolStatus(err error) (int, error) {
	if err != nil {
		return 1, err
	}
	return 0, nil
}
