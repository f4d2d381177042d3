package connection

import (
	"strings"
	"time"

	"pcsh/runtime/format"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Test-PcSqlConnection",
		Synopsis: "Connects to SQL Server instances and reports the server, version, edition, latency and encryption.",
		Description: "Logs in to each instance (with retries and the failover partner, as every pcsh SQL command " +
			"does) and reads SERVERPROPERTY and, where the server has it, sys.dm_exec_connections for the " +
			"encryption and authentication scheme in use. Latency is the round trip of the properties query. " +
			"A failure is a non-terminating error per instance.",
		Output: "PcSqlConnectionTest",
		Examples: []cmdlet.Example{
			{Code: "Test-PcSqlConnection dc1-sql1, dc2-sql1", Remarks: "Checks both partners of the topology."},
			{Code: `Test-PcSqlConnection -SqlInstance 'sqlserver://dc1-sql1.lab.local:14331?TrustServerCertificate=true'`,
				Remarks: "Checks an instance given as a URL; the login comes from PCSH_SQL_USER/PCSH_SQL_PASSWORD."},
		},
		New: func() cmdlet.Cmdlet { return new(testConnection) },
	})
}

type testConnection struct {
	SqlInstance    []string      `param:"mandatory,position=0,pipeline=byname,alias=ServerInstance|SqlServer" help:"Topology names, host\\instance,port addresses, connection strings or sqlserver:// URLs."`
	Database       string        `param:"" help:"The database to log in to; the login's default when omitted."`
	ConnectTimeout time.Duration `param:"default=15s" help:"How long the dial and login may take, per partner."`
}

// PcSqlConnectionTest is the outcome of Test-PcSqlConnection.
type PcSqlConnectionTest struct {
	SqlInstance      string
	ConnectedTo      string
	ServerName       string
	ProductVersion   string
	Edition          string
	LatencyMs        float64
	Encrypted        string // Yes/No from sys.dm_exec_connections; Unknown where the server lacks it
	EncryptPolicy    string // what pcsh asked for: true, strict, false or disable
	AuthScheme       string
	User             string
	CredentialSource string
}

// DefaultView lists the properties a table shows.
func (PcSqlConnectionTest) DefaultView() []string {
	return []string{"SqlInstance", "ServerName", "ProductVersion", "Edition", "LatencyMs", "Encrypted"}
}

// propertiesQuery reads what every SQL Server (and the lab) answers.
const propertiesQuery = `SELECT CAST(SERVERPROPERTY('ServerName') AS nvarchar(128)) AS ServerName,
  CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS ProductVersion,
  CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS Edition`

// connectionQuery needs VIEW SERVER STATE; it may fail without harm.
const connectionQuery = `SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections WHERE session_id = @@SPID`

// Process tests each instance in turn.
func (c *testConnection) Process(ctx *cmdlet.Context) error {
	for _, n := range c.SqlInstance {
		if ctx.Stopped() {
			return nil
		}
		r, err := c.test(ctx, n)
		if err != nil {
			ctx.WriteError(err)
			continue
		}
		ctx.WriteObject(r)
	}
	return nil
}

func (c *testConnection) test(ctx *cmdlet.Context, name string) (*PcSqlConnectionTest, error) {
	conn, err := Open(ctx, name, Options{Database: c.Database, ConnectTimeout: c.ConnectTimeout})
	if err != nil {
		return nil, err
	}
	clock := conn.m.Clock
	start := clock.Now()
	res, err := conn.Query(ctx, propertiesQuery)
	if err != nil {
		return nil, err
	}
	r := &PcSqlConnectionTest{SqlInstance: conn.Target.Display(), ConnectedTo: res.Server,
		LatencyMs: float64(clock.Now().Sub(start).Microseconds()) / 1000,
		User:      conn.User(), CredentialSource: conn.CredentialSource(), Encrypted: "Unknown", AuthScheme: "Unknown",
		EncryptPolicy: conn.Target.Encrypt}
	if row := res.First().Rows; len(row) > 0 {
		r.ServerName, r.ProductVersion, r.Edition = text(row[0][0]), text(row[0][1]), text(row[0][2])
	}
	if cres, err := conn.Query(ctx, connectionQuery); err != nil {
		ctx.WriteVerbose("sys.dm_exec_connections is not available on %s: %v", conn.Target.Display(), err)
	} else if row := cres.First().Rows; len(row) > 0 {
		r.Encrypted, r.AuthScheme = encryptedText(row[0][0]), text(row[0][1])
	}
	return r, nil
}

// text renders a column value as the table formatter does.
func text(v any) string { return format.Text(v) }

// encryptedText maps encrypt_option (TRUE/FALSE, or a bit) to Yes/No.
func encryptedText(v any) string {
	switch strings.ToUpper(text(v)) {
	case "TRUE", "1":
		return "Yes"
	case "FALSE", "0":
		return "No"
	}
	return "Unknown"
}

var _ cmdlet.Cmdlet = (*testConnection)(nil)
