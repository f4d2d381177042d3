package agent

import (
	"context"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
)

// jobStepProcedures returns sp_add_jobstep (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-add-jobstep).
func jobStepProcedures() []*Procedure {
	return []*Procedure{{Name: "sp_add_jobstep", Database: "msdb", Run: addJobStep, Params: []Param{
		{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
		{Name: "@step_id", Type: TypeInt}, {Name: "@step_name", Type: TypeSysname, Required: true},
		{Name: "@subsystem", Type: TypeNVarChar, Default: "TSQL"}, {Name: "@command", Type: TypeNVarChar},
		{Name: "@additional_parameters", Type: TypeNVarChar},
		{Name: "@cmdexec_success_code", Type: TypeInt, Default: int64(0)},
		{Name: "@on_success_action", Type: TypeTinyInt, Default: int64(actionQuitSuccess)},
		{Name: "@on_success_step_id", Type: TypeInt, Default: int64(0)},
		{Name: "@on_fail_action", Type: TypeTinyInt, Default: int64(actionQuitFailure)},
		{Name: "@on_fail_step_id", Type: TypeInt, Default: int64(0)},
		{Name: "@server", Type: TypeSysname}, {Name: "@database_name", Type: TypeSysname},
		{Name: "@database_user_name", Type: TypeSysname},
		{Name: "@retry_attempts", Type: TypeInt, Default: int64(0)},
		{Name: "@retry_interval", Type: TypeInt, Default: int64(0)},
		{Name: "@os_run_priority", Type: TypeInt, Default: int64(0)},
		{Name: "@output_file_name", Type: TypeNVarChar}, {Name: "@flags", Type: TypeInt, Default: int64(0)},
		{Name: "@proxy_id", Type: TypeInt}, {Name: "@proxy_name", Type: TypeSysname},
		{Name: "@step_uid", Type: TypeUniqueIdentifier, Output: true},
	}}}
}

// Step is a job step to add.
type Step struct {
	ID        int64 // 0: after the last step
	Name      string
	Subsystem string
	Command   string
	Database  string
	OnSuccess int64 // 0 means quit with success
	OnFail    int64 // 0 means quit with failure
}

// addJobStep is sp_add_jobstep.
func addJobStep(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	if err := validAction(c, "@on_success_action"); err != nil {
		return 1, err
	}
	if err := validAction(c, "@on_fail_action"); err != nil {
		return 1, err
	}
	uid, err := AddStep(st, j.GUID("job_id"), Step{ID: c.Int("@step_id"), Name: c.String("@step_name"),
		Subsystem: c.String("@subsystem"), Command: c.String("@command"), Database: c.String("@database_name"),
		OnSuccess: c.Int("@on_success_action"), OnFail: c.Int("@on_fail_action")})
	if err != nil {
		return 1, err
	}
	c.SetOutput("@step_uid", uid)
	return 0, nil
}

// validAction checks a step action parameter (14266).
func validAction(c *Call, param string) error {
	if n := c.Int(param); n < actionQuitSuccess || n > actionGoToStep {
		return engine.Raise(14266, param, "1, 2, 3, 4")
	}
	return nil
}

// AddStep adds a step to job and returns its step_uid.
func AddStep(st Store, job [16]byte, s Step) ([16]byte, error) {
	if s.ID == 0 {
		steps, err := st.Select("sysjobsteps", byJobID(job))
		if err != nil {
			return [16]byte{}, err
		}
		s.ID = int64(len(steps)) + 1
	}
	if s.OnSuccess == 0 {
		s.OnSuccess = actionQuitSuccess
	}
	if s.OnFail == 0 {
		s.OnFail = actionQuitFailure
	}
	uid := [16]byte(uuid.New())
	return uid, st.Insert("sysjobsteps", Rec{"job_id": job, "step_id": s.ID, "step_name": s.Name,
		"subsystem": s.Subsystem, "command": s.Command, "flags": int64(0), "cmdexec_success_code": int64(0),
		"on_success_action": s.OnSuccess, "on_success_step_id": int64(0), "on_fail_action": s.OnFail,
		"on_fail_step_id": int64(0), "database_name": nilIfEmpty(s.Database), "retry_attempts": int64(0),
		"retry_interval": int64(0), "os_run_priority": int64(0), "last_run_outcome": int64(0),
		"last_run_duration": int64(0), "last_run_retries": int64(0), "last_run_date": int64(0),
		"last_run_time": int64(0), "step_uid": uid})
}

// nilIfEmpty maps "" to NULL.
func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
