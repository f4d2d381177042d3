package logship

import (
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// sqllogship is the path of sqllogship.exe in the job step commands, as
// SQL Server 2012 (110) installs it.
const sqllogship = `"C:\Program Files\Microsoft SQL Server\110\Tools\Binn\sqllogship.exe"`

// lsJob describes a log shipping job to create.
type lsJob struct {
	name        string
	description string
	stepName    string
	subsystem   string
	command     string
	enabled     bool
}

// createJob creates a log shipping job (category Log Shipping, one step,
// targeted at the local server) and returns its id. A job of the same
// name in another category is 32022; one in Log Shipping is replaced, as
// @overwrite does.
func createJob(st agent.Store, server string, j lsJob, now any) ([16]byte, error) {
	old, err := st.First("sysjobs", func(r agent.Rec) bool { return strings.EqualFold(r.Str("name"), j.name) })
	if err != nil {
		return [16]byte{}, err
	}
	if old != nil {
		if old.Int("category_id") != agent.CategoryLogShipping {
			return [16]byte{}, engine.Raise(32022, j.name)
		}
		if err := agent.DeleteJob(st, old.GUID("job_id"), true, true); err != nil {
			return [16]byte{}, err
		}
	}
	id := [16]byte(uuid.New())
	enabled := int64(0)
	if j.enabled {
		enabled = 1
	}
	err = st.Insert("sysjobs", agent.Rec{"job_id": id, "originating_server_id": int64(0), "name": j.name,
		"enabled": enabled, "description": j.description, "start_step_id": int64(1),
		"category_id": int64(agent.CategoryLogShipping), "owner_sid": []byte{1}, "notify_level_eventlog": int64(2),
		"notify_level_email": int64(0), "notify_level_netsend": int64(0), "notify_level_page": int64(0),
		"delete_level": int64(0), "date_created": now, "date_modified": now, "version_number": int64(1)})
	if err == nil {
		_, err = agent.AddStep(st, id, agent.Step{ID: 1, Name: j.stepName, Subsystem: j.subsystem, Command: j.command})
	}
	if err == nil {
		err = agent.AddJobServer(st, id, j.name, server)
	}
	return id, err
}

// deleteJob deletes a log shipping job if it exists.
func deleteJob(st agent.Store, id any) error {
	g, ok := id.([16]byte)
	if !ok {
		return nil
	}
	return agent.DeleteJob(st, g, true, true)
}

// agentCommand is the sqllogship command line of a job step.
func agentCommand(mode string, id [16]byte, server string) string {
	return sqllogship + " -" + mode + " " + strings.ToUpper(uuid.UUID(id).String()) + " -server " + server
}
