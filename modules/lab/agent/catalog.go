package agent

import "pcsh/modules/lab/engine"

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// database-engine-events-and-errors-0-to-999 ("ee-0-999"), -8000-8999,
// -14000-14999 and -22000-22999 includes. The texts are sys.messages'
// with %.*ls/%s/%d written as Go verbs.
func init() {
	engine.RegisterMessages("agent", func() map[int32]engine.Message {
		return map[int32]engine.Message{
			// ee-0-999
			// ee-2000-2999
			// ee-8000-8999
			8143: {Severity: 16, State: 1, Text: "Parameter '%s' was supplied multiple times."},
			8145: {Severity: 16, State: 1, Text: "%s is not a parameter for procedure %s."},
			8162: {Severity: 16, State: 2, Text: "The formal parameter \"%s\" was not declared as an OUTPUT parameter, but the actual parameter passed in requested output."},
			// ee-14000-14999 (Agent)
			14243: {Severity: 0, State: 1, Text: "Job '%s' started successfully."},
			14256: {Severity: 16, State: 1, Text: "Cannot start the job \"%s\" (ID %s) because it does not have any job server or servers defined. Associate the job with a job server by calling sp_add_jobserver."},
			14261: {Severity: 16, State: 1, Text: "The specified %s ('%s') already exists."},
			14262: {Severity: 16, State: 1, Text: "The specified %s ('%s') does not exist."},
			14266: {Severity: 16, State: 1, Text: "The specified '%s' is invalid (valid values are: %s)."},
			14269: {Severity: 16, State: 1, Text: "Job '%s' is already targeted at server '%s'."},
			14273: {Severity: 16, State: 1, Text: "You must provide either @job_id or @job_name (and, optionally, @schedule_name), or @schedule_id."},
			14278: {Severity: 16, State: 1, Text: "The schedule for this job is invalid (reason: %s)."},
			14280: {Severity: 16, State: 1, Text: "Supply either a job name (and job aspect), or one or more job filter parameters."},
			14288: {Severity: 16, State: 1, Text: "%s cannot be before %s."},
			14294: {Severity: 16, State: 1, Text: "Supply either %s or %s to identify the job."},
			14373: {Severity: 16, State: 1, Text: "Supply either %s or %s to identify the schedule."},
			14374: {Severity: 16, State: 1, Text: "The specified schedule name \"%s\" is not associated with the job \"%s\"."},
			// ee-22000-22999: sp_start_job on a running job (sqlagent message)
			22022: {Severity: 16, State: 1, Text: "SQLServerAgent Error: Request to run job %s (from User %s) refused because the job is already running from a request by %s."},
		}
	})
}
