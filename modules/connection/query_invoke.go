package connection

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-PcSqlQuery",
		Synopsis: "Runs a T-SQL batch on a SQL Server instance, with values passed as parameters.",
		Description: "The batch runs as written; every value in -Parameter travels as a go-mssqldb parameter " +
			"(@name in the batch), never spliced into the text. Since a batch can change anything, the command " +
			"always asks ShouldProcess: -WhatIf prints the exact T-SQL and its parameter values (passwords " +
			"masked) and runs nothing. Rows become PcSqlRow objects; PRINT and informational messages become " +
			"VERBOSE lines and 'N percent processed.' becomes progress. Parameters whose name contains " +
			"password, pwd or secret are masked everywhere.",
		Impact: cmdlet.ImpactMedium,
		Output: "PcSqlRow",
		Examples: []cmdlet.Example{
			{Code: `Invoke-PcSqlQuery dc1-sql1 -Database master -Query 'SELECT name, state_desc FROM sys.databases WHERE name = @name' -Parameter @{name='mgc'}`,
				Remarks: "Reads the state of mgc; the name travels as a parameter."},
			{Code: `Invoke-PcSqlQuery dc1-sql1 -Query 'ALTER DATABASE [mgc] SET PARTNER SAFETY FULL' -WhatIf`,
				Remarks: "Shows the statement and where it would run, and runs nothing."},
		},
		New: func() cmdlet.Cmdlet { return new(invokeQuery) },
	})
}

type invokeQuery struct {
	SqlInstance       string            `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology name, host\\instance,port, a connection string or a sqlserver:// URL."`
	Query             string            `param:"mandatory,position=1" help:"The T-SQL batch; refer to parameters as @name."`
	Database          string            `param:"" help:"The database to run in; the login's default when omitted."`
	Parameter         *cmdlet.Hashtable `param:"" help:"Parameter values by name, e.g. @{name='mgc'}; each becomes @name."`
	CommandTimeout    time.Duration     `param:"default=30s" help:"How long the batch may run; 0 for no limit."`
	ConnectTimeout    time.Duration     `param:"default=15s" help:"How long the dial and login may take, per partner."`
	ConnectRetryCount int               `param:"default=2" help:"How many times a connection that fails for a transient reason (refused, reset) is tried again, 1 s then 2 s apart; 0 tries once, as a probe of an instance that may be gone does."`
}

// secretNameRE marks parameters whose values are masked.
var secretNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)password|pwd|secret`) })

// Process shows or runs the batch and writes its rows.
func (q *invokeQuery) Process(ctx *cmdlet.Context) error {
	args := q.args()
	m := For(ctx.Session)
	for _, a := range args {
		if s, ok := a.(sql.NamedArg).Value.(Secret); ok {
			m.Secrets.Add(string(s))
		}
	}
	t, err := m.Resolve(ctx, q.SqlInstance)
	if err != nil {
		return err
	}
	target := t.Display()
	if q.Database != "" {
		target += " (database " + q.Database + ")"
	}
	if !ctx.ShouldProcess(target, m.Secrets.Redact(RunnableText(q.Query, args))) {
		return nil
	}
	return q.run(ctx, args)
}

func (q *invokeQuery) run(ctx *cmdlet.Context, args []any) error {
	timeout := q.CommandTimeout
	if timeout == 0 {
		timeout = -1 // the user's 0 means no limit
	}
	conn, err := Open(ctx, q.SqlInstance, Options{Database: q.Database, CommandTimeout: timeout, ConnectTimeout: q.ConnectTimeout,
		Attempts: q.ConnectRetryCount + 1})
	if err != nil {
		return err
	}
	res, err := conn.Exec(ctx, q.Query, args...)
	if res != nil {
		writeRows(ctx, res)
	}
	if err != nil {
		return err
	}
	if res.RowsAffected > 0 {
		ctx.WriteVerbose("%d rows affected.", res.RowsAffected)
	}
	return nil
}

// args turns -Parameter into named arguments, masking secret names.
func (q *invokeQuery) args() []any {
	if q.Parameter == nil {
		return nil
	}
	out := make([]any, 0, q.Parameter.Len())
	for i, k := range q.Parameter.Keys {
		name, v := strings.TrimPrefix(k, "@"), q.Parameter.Values[i]
		if s, ok := v.(string); ok && secretNameRE().MatchString(name) {
			v = Secret(s)
		}
		out = append(out, sql.Named(name, v))
	}
	return out
}

// writeRows writes each row of each result set as a PcSqlRow object.
func writeRows(ctx *cmdlet.Context, res *Result) {
	for _, set := range res.Sets {
		for _, row := range set.Rows {
			o := cmdlet.NewObject("PcSqlRow")
			for i, col := range set.Columns {
				if col == "" {
					col = fmt.Sprintf("Column%d", i+1)
				}
				o.Set(col, row[i])
			}
			ctx.WriteObject(o)
		}
	}
}

var _ cmdlet.Cmdlet = (*invokeQuery)(nil)

// Validate refuses a negative -ConnectRetryCount.
func (q *invokeQuery) Validate() error {
	if q.ConnectRetryCount < 0 {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidRetryCount", q.SqlInstance,
			"-ConnectRetryCount must be 0 or more, not %d.", q.ConnectRetryCount)
	}
	return nil
}
