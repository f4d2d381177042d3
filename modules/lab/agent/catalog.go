package agent

import (
	"fmt"
	"sync"

	"pcsh/modules/lab/engine"
)

// msgDef is one message: severity, state and the sys.messages text with
// its inserts written as Go verbs.
type msgDef struct {
	severity uint8
	state    uint8
	format   string
}

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// database-engine-events-and-errors-0-to-999 ("ee-0-999"), -8000-8999,
// -14000-14999 and -22000-22999 includes. The texts are sys.messages'
// with %.*ls/%s/%d written as Go verbs.
func catalog() map[int32]msgDef {
	return map[int32]msgDef{
		// ee-0-999
		201: {16, 4, "Procedure or function '%s' expects parameter '%s', which was not supplied."},
		// ee-2000-2999
		2812: {16, 62, "Could not find stored procedure '%s'."},
		// ee-8000-8999
		8114: {16, 5, "Error converting data type %s to %s."},
		8143: {16, 1, "Parameter '%s' was supplied multiple times."},
		8144: {16, 2, "Procedure or function %s has too many arguments specified."},
		8145: {16, 1, "%s is not a parameter for procedure %s."},
		8162: {16, 2, "The formal parameter \"%s\" was not declared as an OUTPUT parameter, but the actual parameter passed in requested output."},
		8169: {16, 2, "Conversion failed when converting from a character string to uniqueidentifier."},
		// ee-14000-14999 (Agent)
		14243: {0, 1, "Job '%s' started successfully."},
		14256: {16, 1, "Cannot start the job \"%s\" (ID %s) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver."},
		14261: {16, 1, "The specified %s ('%s') already exists."},
		14262: {16, 1, "The specified %s ('%s') does not exist."},
		14266: {16, 1, "The specified '%s' is invalid (valid values are: %s)."},
		14269: {16, 1, "Job '%s' is already targeted at server '%s'."},
		14273: {16, 1, "You must provide either @job_id or @job_name (and, optionally, @schedule_name), or @schedule_id."},
		14278: {16, 1, "The schedule for this job is invalid (reason: %s)."},
		14280: {16, 1, "Supply either a job name (and job aspect), or one or more job filter parameters."},
		14288: {16, 1, "%s cannot be before %s."},
		14294: {16, 1, "Supply either %s or %s to identify the job."},
		14373: {16, 1, "Supply either %s or %s to identify the schedule."},
		14374: {16, 1, "The specified schedule name \"%s\" is not associated with the job \"%s\"."},
		// ee-22000-22999: sp_start_job on a running job (sqlagent message)
		22022: {16, 1, "SQLServerAgent Error: Request to run job %s (from User %s) refused because the job is already running from a request by %s."},
	}
}

// Raise builds catalogued message n. An uncatalogued number is a
// programming error and panics.
func Raise(n int32, args ...any) *engine.Error {
	d, ok := messages()[n]
	if !ok {
		panic(fmt.Sprintf("agent: message %d is not catalogued", n))
	}
	return &engine.Error{Number: n, Severity: d.severity, State: d.state, Message: fmt.Sprintf(d.format, args...)}
}

// messages is the catalog, built once on first use and never changed.
var messages = sync.OnceValue(catalog)
