package logship

import (
	"fmt"
	"sync"

	"pcsh/modules/lab/engine"
)

// msgDef is one message: severity and the sys.messages text with its
// inserts written as Go verbs.
type msgDef struct {
	severity uint8
	format   string
}

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// database-engine-events-and-errors-14000-to-14999 (14420, 14421, with
// the per-error pages mssqlserver-14420/14421), -15000-15999 (15010) and
// -31000-41399 (32xxx, the log shipping messages).
func catalog() map[int32]msgDef {
	return map[int32]msgDef{
		14420: {16, "The log shipping primary database %s.%s has backup threshold of %d minutes and has not performed a backup log operation for %d minutes. Check agent log and logshipping monitor information."},
		14421: {16, "The log shipping secondary database %s.%s has restore threshold of %d minutes and is out of sync. No restore was performed for %d minutes. Restored latency is %d minutes. Check agent log and logshipping monitor information."},
		15010: {16, "The database '%s' does not exist. Supply a valid database name. To see available databases, use sys.databases."},
		32001: {10, "Log shipping backup log job for %s."},
		32002: {10, "Log shipping copy job for %s:%s."},
		32003: {10, "Log shipping restore log job for %s:%s."},
		32004: {10, "Log shipping backup log job step."},
		32005: {10, "Log shipping copy job step."},
		32006: {10, "Log shipping restore log job step."},
		32008: {16, "Database %s is not ONLINE. The backup job will not be performed until this database is brought online."},
		32009: {16, "A log shipping primary entry already exists for database %s."},
		32010: {16, "Database %s does not exist as log shipping primary."},
		32011: {16, "Primary Database %s has active log shipping secondary database(s). Drop the secondary database(s) first."},
		32012: {16, "Secondary %s.%s already exists for primary %s."},
		32013: {16, "A log shipping entry already exists for secondary database %s."},
		32014: {16, "Database %s does not exist as log shipping secondary."},
		32015: {16, "The primary database %s cannot have SIMPLE recovery for log shipping to work properly."},
		32016: {16, "The specified agent_id %s or agent_type %d do not form a valid pair for log shipping monitoring processing."},
		32019: {10, "Log shipping alert job."},
		32020: {10, "Log shipping alert job step."},
		32021: {10, "Log shipping alert job schedule."},
		32022: {16, "Cannot add a log shipping job with name %s. A job with same name already exists in the system and this job does not belong to log shipping category."},
		32023: {16, "An entry for primary server %s, primary database %s does not exist on this secondary. Register the primary first."},
		32024: {16, "An entry for primary server %s, primary database %s already exists."},
		32025: {16, "Primary Server %s, Database %s has active log shipping secondary database(s) on the secondary. Drop the secondary database(s) first."},
		32028: {16, "Invalid value = %d for parameter @threshold_alert was specified."},
		32052: {16, "Parameter '%s' cannot be null or empty. Specify a value for the named parameter and retry the operation."},
	}
}

// raise builds catalogued message n; an uncatalogued number panics.
func raise(n int32, args ...any) *engine.Error {
	d, ok := messages()[n]
	if !ok {
		panic(fmt.Sprintf("logship: message %d is not catalogued", n))
	}
	return &engine.Error{Number: n, Severity: d.severity, State: 1, Message: fmt.Sprintf(d.format, args...)}
}

// text returns the text of catalogued message n.
func text(n int32, args ...any) string { return raise(n, args...).Message }

// messages is the catalog, built once on first use and never changed.
var messages = sync.OnceValue(catalog)
