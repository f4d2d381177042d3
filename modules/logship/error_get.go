package logship

import (
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcLogShippingError",
		Synopsis: "Gets the log shipping errors the backup, copy and restore jobs recorded.",
		Description: "Reads msdb.dbo.log_shipping_monitor_error_detail on each -SqlInstance (at most -ThrottleLimit at a time) " +
			"for the last -Since, naming the database of copy errors (which SQL Server records without one) through the " +
			"monitor tables, oldest first.",
		Output: "LogShippingError",
		Examples: []cmdlet.Example{
			{Code: "Get-PcLogShippingError -SqlInstance dc2-sql1", Remarks: "The secondary's copy and restore errors of the last 24 hours."},
			{Code: "Get-PcLogShippingError dc1-sql1,dc2-sql1 -Database mgc -Agent Restore -Since 2h | Format-List", Remarks: "Restore errors of mgc in the last two hours."},
		},
		Related: []string{"Get-PcLogShippingStatus"},
		New:     func() cmdlet.Cmdlet { return new(getErrors) },
	})
}

// LogShippingError is one log_shipping_monitor_error_detail row.
type LogShippingError struct {
	SqlInstance    string
	LogTime        time.Time
	Agent          string // Backup, Copy, Restore
	Database       string
	SessionID      int64
	SequenceNumber int64
	Source         string
	Message        string
}

// DefaultView names the properties shown by default.
func (LogShippingError) DefaultView() []string {
	return []string{"SqlInstance", "LogTime", "Agent", "Database", "Message"}
}

// errorQuery reads the error rows of the last @p1 minutes.
const errorQuery = "SELECT e.log_time, e.agent_type, COALESCE(NULLIF(e.database_name, N''), s.secondary_database, p.primary_database) AS database_name, " +
	"e.session_id, e.sequence_number, e.source, e.message FROM msdb.dbo.log_shipping_monitor_error_detail AS e " +
	"LEFT JOIN msdb.dbo.log_shipping_monitor_primary AS p ON e.agent_type = 0 AND p.primary_id = e.agent_id " +
	"LEFT JOIN msdb.dbo.log_shipping_monitor_secondary AS s ON e.agent_type <> 0 AND s.secondary_id = e.agent_id " +
	"WHERE e.log_time >= DATEADD(minute, -@p1, GETDATE()) ORDER BY e.log_time, e.sequence_number"

type getErrors struct {
	SqlInstance   []string      `param:"position=0,mandatory" help:"The instances to ask."`
	Database      string        `param:"" help:"Only this database."`
	Agent         JobKind       `param:"" help:"Only errors of this job: Backup, Copy or Restore."`
	Since         time.Duration `param:"default=24h" help:"How far back to look, in server time."`
	ThrottleLimit int           `param:"default=32" help:"How many instances are queried at once."`
}

// Process reads the instances in parallel and writes in input order.
func (c *getErrors) Process(ctx *cmdlet.Context) error {
	out := make([][]LogShippingError, len(c.SqlInstance))
	errs := make([]error, len(c.SqlInstance))
	forEach(ctx, len(c.SqlInstance), c.ThrottleLimit, func(i int) {
		out[i], errs[i] = c.read(ctx, c.SqlInstance[i])
	})
	for i, rows := range out {
		if errs[i] != nil {
			ctx.WriteError(errs[i])
		}
		for _, r := range rows {
			ctx.WriteObject(r)
		}
	}
	return ctx.Err()
}

// read returns one instance's matching rows.
func (c *getErrors) read(ctx *cmdlet.Context, instance string) ([]LogShippingError, error) {
	srv, err := dial(ctx, instance)
	if err != nil {
		return nil, err
	}
	res, err := query(ctx, srv, Batch(errorQuery, minutes(c.Since)))
	if err != nil {
		return nil, err
	}
	return c.filter(instance, res.First()), nil
}

// agentNames maps agent_type to the job.
var agentNames = map[int64]string{0: "Backup", 1: "Copy", 2: "Restore"}

func (c *getErrors) filter(instance string, set connection.ResultSet) []LogShippingError {
	var out []LogShippingError
	for _, r := range set.Rows {
		typ, _ := integer(r[1])
		e := LogShippingError{SqlInstance: instance, LogTime: timeOf(r[0]), Agent: agentNames[typ], Database: str(r[2]),
			Source: str(r[5]), Message: str(r[6])}
		e.SessionID, _ = integer(r[3])
		e.SequenceNumber, _ = integer(r[4])
		if (c.Database == "" || equalFold(c.Database, e.Database)) && (c.Agent == "" || string(c.Agent) == e.Agent) {
			out = append(out, e)
		}
	}
	return out
}

var _ cmdlet.Cmdlet = (*getErrors)(nil)
