package logship

import (
	"strings"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcLogShippingStatus",
		Synopsis: "Gets the log shipping health of each database: last backup, copy and restore, latency, thresholds and a verdict.",
		Description: "Reads msdb.dbo.log_shipping_monitor_primary and log_shipping_monitor_secondary, and sys.database_mirroring, on every -SqlInstance " +
			"(the tables sp_help_log_shipping_monitor reports from; each instance is its own monitor unless a monitor server " +
			"was named) at most -ThrottleLimit at a time, and writes one object per database and role with a verdict: " +
			"Standby for a primary whose database is the mirroring MIRROR (the principal's mirror set up by " +
			"Add-PcLogShippingMirrorSource, whose backup job skips with message 32008 until a failover); Critical when the backup or restore threshold is reached (the alert job would raise 14420/14421) or nothing has " +
			"happened yet, Warning at three quarters of it, when copies stall, when restores lag by the threshold or when " +
			"alerts are disabled, otherwise Healthy. An instance that cannot be queried gives a Critical object and a " +
			"non-terminating error. When no instance has a log shipping row (of -Database), nothing could be checked: each " +
			"instance that answered gives an Unknown object and the exit code is 3 (UNKNOWN).",
		Output: "LogShippingStatus",
		Examples: []cmdlet.Example{
			{Code: "Get-PcLogShippingStatus -SqlInstance dc1-sql1,dc1-sql2,dc2-sql1", Remarks: "The principal, its mirror and the secondary."},
			{Code: "Get-PcLogShippingStatus dc2-sql1 -Database mgc | Format-List", Remarks: "Every figure of the secondary mgc."},
			{Code: "Get-PcLogShippingStatus dc1-sql1,dc2-sql1 | Where-Object Verdict -NE Healthy", Remarks: "Only what needs attention."},
		},
		Related: []string{"Get-PcLogShippingError", "Start-PcLogShippingJob"},
		New:     func() cmdlet.Cmdlet { return new(getStatus) },
	})
}

// statusQuery reads both monitor tables with their ages in server time.
const statusQuery = "SELECT primary_server, primary_database, backup_threshold, threshold_alert_enabled, last_backup_file, " +
	"last_backup_date, DATEDIFF(minute, last_backup_date, GETDATE()) AS minutes_since_backup FROM msdb.dbo.log_shipping_monitor_primary; " +
	"SELECT secondary_server, secondary_database, primary_server, restore_threshold, threshold_alert_enabled, " +
	"last_copied_file, last_copied_date, DATEDIFF(minute, last_copied_date, GETDATE()) AS minutes_since_copy, " +
	"last_restored_file, last_restored_date, DATEDIFF(minute, last_restored_date, GETDATE()) AS minutes_since_restore, " +
	"last_restored_latency FROM msdb.dbo.log_shipping_monitor_secondary; " + mirrorRoleQuery

// mirrorRoleQuery reads the mirroring role of each mirrored database of
// the instance: a log shipping primary whose database is the MIRROR is a
// standby source (Add-PcLogShippingMirrorSource), not a late one.
const mirrorRoleQuery = "SELECT @@SERVERNAME AS server_name, d.name, m.mirroring_role_desc FROM sys.databases AS d " +
	"JOIN sys.database_mirroring AS m ON m.database_id = d.database_id WHERE m.mirroring_guid IS NOT NULL"

type getStatus struct {
	SqlInstance   []string `param:"position=0,mandatory" help:"The instances to ask: primaries, their mirrors, secondaries."`
	Database      string   `param:"" help:"Only this database (primary or secondary name)."`
	ThrottleLimit int      `param:"default=32" help:"How many instances are queried at once."`
}

// Process queries the instances in parallel and writes in input order.
func (c *getStatus) Process(ctx *cmdlet.Context) error {
	out := make([][]*LogShippingStatus, len(c.SqlInstance))
	errs := make([]error, len(c.SqlInstance))
	forEach(ctx, len(c.SqlInstance), c.ThrottleLimit, func(i int) {
		out[i], errs[i] = instanceStatus(ctx, c.SqlInstance[i])
	})
	found := 0
	for i, rows := range out {
		if errs[i] != nil {
			ctx.WriteObject(unreachable(c.SqlInstance[i], errs[i]))
			ctx.WriteError(errs[i])
			found++ // a Critical finding: the instance does not answer
			continue
		}
		for _, s := range rows {
			if c.Database == "" || equalFold(s.Database, c.Database) {
				ctx.WriteObject(s)
				found++
			}
		}
	}
	if found == 0 && ctx.Err() == nil {
		// a check that finds nothing to check is Unknown, not success
		for _, inst := range c.SqlInstance {
			ctx.WriteObject(nothingShipped(inst, c.Database))
		}
		ctx.SetExitCode(cmdlet.ExitPluginUnknown)
	}
	return ctx.Err()
}

// nothingShipped is the Unknown status of an instance that answered but
// ships no log (of database, when given).
func nothingShipped(instance, database string) *LogShippingStatus {
	what := "any database"
	if database != "" {
		what = database
	}
	return &LogShippingStatus{SqlInstance: instance, Database: database, Verdict: Unknown,
		Reason: "The log shipping monitor of " + instance + " has no primary or secondary row for " + what + ": nothing to check."}
}

// instanceStatus reads and judges one instance's log shipping databases.
func instanceStatus(ctx *cmdlet.Context, instance string) ([]*LogShippingStatus, error) {
	srv, err := dial(ctx, instance)
	if err != nil {
		return nil, err
	}
	res, err := srv.Query(ctx, statusQuery)
	if err != nil {
		return nil, err
	}
	var out []*LogShippingStatus
	if len(res.Sets) > 0 {
		out = append(out, primaryRows(instance, res.Sets[0], mirrorRoles(res.Sets))...)
	}
	if len(res.Sets) > 1 {
		out = append(out, secondaryRows(instance, res.Sets[1])...)
	}
	return out, nil
}

// mirrorRoles maps "server\x00database" (lower case) to the mirroring
// role, from the third result set.
func mirrorRoles(sets []connection.ResultSet) map[string]string {
	roles := map[string]string{}
	if len(sets) < 3 {
		return roles
	}
	for _, r := range sets[2].Rows {
		roles[roleKey(str(r[0]), str(r[1]))] = strings.ToUpper(str(r[2]))
	}
	return roles
}

// roleKey keys mirrorRoles: a monitor row names its primary server, and
// only this instance's own databases have a role here.
func roleKey(server, database string) string {
	return strings.ToLower(server) + "\x00" + strings.ToLower(database)
}

// primaryRows judges the log_shipping_monitor_primary rows.
func primaryRows(instance string, set connection.ResultSet, roles map[string]string) []*LogShippingStatus {
	var out []*LogShippingStatus
	for _, r := range set.Rows {
		th, _ := integer(r[2])
		s := &LogShippingStatus{SqlInstance: instance, Database: str(r[1]), Role: "Primary", PrimaryServer: str(r[0]),
			ThresholdMinutes: th, AlertEnabled: truthy(r[3]), LastBackupFile: str(r[4]), LastBackupTime: optTime(r[5]),
			MinutesSinceBackup: optInt(r[6]), MirroringRole: roles[roleKey(str(r[0]), str(r[1]))]}
		s.judge()
		out = append(out, s)
	}
	return out
}

// secondaryRows judges the log_shipping_monitor_secondary rows.
func secondaryRows(instance string, set connection.ResultSet) []*LogShippingStatus {
	var out []*LogShippingStatus
	for _, r := range set.Rows {
		th, _ := integer(r[3])
		s := &LogShippingStatus{SqlInstance: instance, Database: str(r[1]), Role: "Secondary", PrimaryServer: str(r[2]),
			ThresholdMinutes: th, AlertEnabled: truthy(r[4]), LastCopiedFile: str(r[5]), LastCopiedTime: optTime(r[6]),
			MinutesSinceCopy: optInt(r[7]), LastRestoredFile: str(r[8]), LastRestoredTime: optTime(r[9]),
			MinutesSinceRestore: optInt(r[10]), LatencyMinutes: optInt(r[11])}
		s.judge()
		out = append(out, s)
	}
	return out
}

// unreachable is the Critical status of an instance that could not be
// queried.
func unreachable(instance string, err error) *LogShippingStatus {
	return &LogShippingStatus{SqlInstance: instance, Verdict: Critical,
		Reason: "Cannot read the log shipping monitor: " + cmdlet.AsRecord(err).Message}
}

// optInt reads a nullable integer column.
func optInt(v any) *int64 {
	if n, ok := integer(v); ok {
		return &n
	}
	return nil
}

var _ cmdlet.Cmdlet = (*getStatus)(nil)
