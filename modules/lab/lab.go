// Package lab is the pcsh lab module: an embedded SQL Server emulator that
// speaks TDS, so go-mssqldb and other clients use it like SQL Server. It
// registers `pcsh lab serve`, which runs one instance (engine, executor
// and TDS server) in the foreground. The wire server lives in lab/tds, the
// T-SQL parser in lab/tsql, the storage engine in lab/engine and the
// statement executor in lab/exec; modules/lab/DEVIATIONS.md lists how the
// lab differs from a real SQL Server.
package lab

import (
	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cli"
)

// DefaultListen is the address `pcsh lab serve` listens on without
// --listen: SQL Server's standard port on the loopback interface.
const DefaultListen = "127.0.0.1:1433"

func init() {
	cli.RegisterSubcommand("lab", serveCommand())
}

// serveCommand is `pcsh lab serve`.
func serveCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "serve",
		Usage: "run one lab SQL Server instance in the foreground until SIGTERM or SIGINT",
		UsageText: "pcsh lab serve --name NAME [--instance NAME] [--listen HOST:PORT [--allow-non-loopback]] --data DIR [--backup-dir DIR ...]\n" +
			"   [--tls-cert FILE --tls-key FILE] [--keytab FILE] [--lab DIR]\n" +
			"   The sa password comes from PCSH_LAB_PASSWORD (see modules/lab/README.md for the default).\n" +
			"   BACKUP, RESTORE and the Agent's jobs use files only under --data, the lab's share and copy\n" +
			"   directories and each --backup-dir; a non-loopback --listen needs --allow-non-loopback and PCSH_LAB_PASSWORD.\n" +
			"   A named instance (--instance) is announced by a SQL Server Browser on UDP 1434 of the --listen address.",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "name", Usage: "the host name (@@SERVERNAME of the default instance)", Required: true},
			&ucli.StringFlag{Name: "instance", Usage: "a named instance's `NAME` (@@SERVICENAME; default MSSQLSERVER, the default instance)"},
			&ucli.StringFlag{Name: "listen", Value: DefaultListen, Usage: "the TDS listen address `HOST:PORT` (a loopback address)"},
			&ucli.BoolFlag{Name: AllowNonLoopbackFlag, Usage: "let --listen take an address other machines reach (needs PCSH_LAB_PASSWORD)"},
			&ucli.StringFlag{Name: "data", Usage: "the data `DIR`ectory (created if missing)", Required: true},
			&ucli.StringSliceFlag{Name: "backup-dir", Usage: "a `DIR`ectory BACKUP and RESTORE may use besides --data and the lab's (repeatable)"},
			&ucli.StringFlag{Name: "tls-cert", Usage: "a PEM certificate `FILE` (default: a generated self-signed one)"},
			&ucli.StringFlag{Name: "tls-key", Usage: "the PEM key `FILE` of --tls-cert"},
			&ucli.StringFlag{Name: "keytab", Usage: "a service keytab `FILE` (MSSQLSvc/host:port) for Kerberos logins of Windows logins"},
			&ucli.StringFlag{Name: "lab", Usage: "the lab `DIR`ectory of pcsh lab up, whose fault plan the instance obeys"},
		},
		Action: serveAction,
	}
}

// serveAction reads the flags and the injected environment and serves.
func serveAction(c *ucli.Context) error {
	io := cli.StdioOf(c)
	opts := ServeOptions{Name: c.String("name"), Instance: c.String("instance"), Listen: c.String("listen"), Data: c.String("data"),
		TLSCert: c.String("tls-cert"), TLSKey: c.String("tls-key"), Keytab: c.String("keytab"), LabDir: c.String("lab"),
		AllowNonLoopback: c.Bool(AllowNonLoopbackFlag), BackupDirs: c.StringSlice("backup-dir"),
		Getenv: io.Getenv, Out: io.Out, Err: io.Err}
	return Serve(c.Context, opts, stopSignals(io.Interrupts))
}
