package agent

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
)

// startJobProcedures returns sp_start_job (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-start-job).
func startJobProcedures() []*Procedure {
	return []*Procedure{{Name: "sp_start_job", Database: "msdb", Run: startJob, Params: []Param{
		{Name: "@job_name", Type: TypeSysname}, {Name: "@job_id", Type: TypeUniqueIdentifier},
		{Name: "@error_flag", Type: TypeInt, Default: int64(1)}, {Name: "@server_name", Type: TypeSysname},
		{Name: "@step_name", Type: TypeSysname}, {Name: "@output_flag", Type: TypeInt, Default: int64(1)}}}}
}

// startJob is sp_start_job: it asks Agent to run the job now, even a
// disabled one, and returns at once with message 14243. A job without a
// job server is 14256; a running job, or no running Agent, is 22022.
func startJob(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	id, name := j.GUID("job_id"), j.Str("name")
	if srv, err := st.First("sysjobservers", byJobID(id)); err != nil || srv == nil {
		if err == nil {
			err = engine.Raise(14256, name, strings.ToUpper(uuid.UUID(id).String()))
		}
		return 1, err
	}
	if c.Agent == nil || !c.Agent.Running() {
		return 1, &engine.Error{Number: 22022, Severity: 16, State: 1,
			Message: "SQLServerAgent is not currently running so it cannot be notified of this action."}
	}
	if err := c.Agent.StartJob(ctx, id, c.Login()); err != nil {
		return 1, err
	}
	if c.Int("@output_flag") != 0 {
		_ = c.Print(engine.Raise(14243, name))
	}
	return 0, nil
}
