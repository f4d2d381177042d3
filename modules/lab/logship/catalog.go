package logship

import "pcsh/modules/lab/engine"

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// database-engine-events-and-errors-14000-to-14999 (14420, 14421, with
// the per-error pages mssqlserver-14420/14421), -15000-15999 (15010) and
// -31000-41399 (32xxx, the log shipping messages).
func init() {
	engine.RegisterMessages("logship", func() map[int32]engine.Message {
		return map[int32]engine.Message{
			14420: {Severity: 16, State: 1, Text: "The log shipping primary database %s.%s has backup threshold of %d minutes and has not performed a backup log operation for %d minutes. Check agent log and logshipping monitor information."},
			14421: {Severity: 16, State: 1, Text: "The log shipping secondary database %s.%s has restore threshold of %d minutes and is out of sync. No restore was performed for %d minutes. Restored latency is %d minutes. Check agent log and logshipping monitor information."},
			15010: {Severity: 16, State: 1, Text: "The database '%s' does not exist. Supply a valid database name. To see available databases, use sys.databases."},
			32001: {Severity: 10, State: 1, Text: "Log shipping backup log job for %s."},
			32002: {Severity: 10, State: 1, Text: "Log shipping copy job for %s:%s."},
			32003: {Severity: 10, State: 1, Text: "Log shipping restore log job for %s:%s."},
			32004: {Severity: 10, State: 1, Text: "Log shipping backup log job step."},
			32005: {Severity: 10, State: 1, Text: "Log shipping copy job step."},
			32006: {Severity: 10, State: 1, Text: "Log shipping restore log job step."},
			32008: {Severity: 16, State: 1, Text: "Database %s is not ONLINE. The backup job will not be performed until this database is brought online."},
			32009: {Severity: 16, State: 1, Text: "A log shipping primary entry already exists for database %s."},
			32010: {Severity: 16, State: 1, Text: "Database %s does not exist as log shipping primary."},
			32011: {Severity: 16, State: 1, Text: "Primary Database %s has active log shipping secondary database(s). Drop the secondary database(s) first."},
			32012: {Severity: 16, State: 1, Text: "Secondary %s.%s already exists for primary %s."},
			32013: {Severity: 16, State: 1, Text: "A log shipping entry already exists for secondary database %s."},
			32014: {Severity: 16, State: 1, Text: "Database %s does not exist as log shipping secondary."},
			32015: {Severity: 16, State: 1, Text: "The primary database %s cannot have SIMPLE recovery for log shipping to work properly."},
			32016: {Severity: 16, State: 1, Text: "The specified agent_id %s or agent_type %d do not form a valid pair for log shipping monitoring processing."},
			32019: {Severity: 10, State: 1, Text: "Log shipping alert job."},
			32020: {Severity: 10, State: 1, Text: "Log shipping alert job step."},
			32021: {Severity: 10, State: 1, Text: "Log shipping alert job schedule."},
			32022: {Severity: 16, State: 1, Text: "Cannot add a log shipping job with name %s. A job with same name already exists in the system and this job does not belong to log shipping category."},
			32023: {Severity: 16, State: 1, Text: "An entry for primary server %s, primary database %s does not exist on this secondary. Register the primary first."},
			32024: {Severity: 16, State: 1, Text: "An entry for primary server %s, primary database %s already exists."},
			32025: {Severity: 16, State: 1, Text: "Primary Server %s, Database %s has active log shipping secondary database(s) on the secondary. Drop the secondary database(s) first."},
			32028: {Severity: 16, State: 1, Text: "Invalid value = %d for parameter @threshold_alert was specified."},
			32052: {Severity: 16, State: 1, Text: "Parameter '%s' cannot be null or empty. Specify a value for the named parameter and retry the operation."},
		}
	})
}

// text returns the text of catalogued message n.
func text(n int32, args ...any) string { return engine.Raise(n, args...).Message }
