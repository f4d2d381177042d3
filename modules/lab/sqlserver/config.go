package sqlserver

import (
	"net"
	"time"

	"pcsh/modules/lab/tds"
)

// Config describes one lab SQL Server instance: what `pcsh lab serve`
// reads from its flags and environment, and what a test chooses.
type Config struct {
	// Name is the instance name (@@SERVERNAME), announced to TDS clients
	// and mirroring partners.
	Name string
	// Data is the data directory: checkpoint, WAL, lock file and the
	// generated TLS certificate.
	Data string
	// Listen is the TDS address HOST:PORT; the mirroring endpoints listen
	// on the same host.
	Listen string
	// Password is the sa password.
	Password string
	// Now is the clock of the engine, the executor and the Agent; nil
	// means time.Now.
	Now func() time.Time
	// BackupDirs are the directories BACKUP, RESTORE and the Agent's jobs
	// may use besides Data.
	BackupDirs []string
	// CertFile and KeyFile are a PEM certificate and key to serve; both
	// empty: the lab's generated certificate, kept under Data.
	CertFile, KeyFile string
	// HostName is the instance's lab host name (dc1-sql1.lab.local) that
	// the generated certificate covers besides localhost, Name and the
	// listen address; "" outside a lab.
	HostName string
	// Environment is the world the instance runs in (fault plan, shares,
	// lab host names); nil is Direct: no faults, paths as given.
	Environment Environment
	// MirrorPingInterval and MirrorDialTimeout pace database mirroring
	// (mirror.Config); 0 keeps its defaults.
	MirrorPingInterval, MirrorDialTimeout time.Duration
	// SSPI verifies integrated-security logins (the Kerberos acceptor of
	// a service keytab); nil refuses them with 18452.
	SSPI tds.SSPIAcceptor
	// Logf receives the instance's log lines (engine, mirroring, TDS);
	// nil discards them.
	Logf func(format string, args ...any)
}

// withDefaults fills in the environment and the log.
func (c Config) withDefaults() Config {
	if c.Environment == nil {
		c.Environment = Direct{}
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return c
}

// backupDirs are the directories BACKUP, RESTORE and the Agent's jobs may
// use: the data directory and every other one given.
func (c Config) backupDirs() []string {
	return append([]string{c.Data}, c.BackupDirs...)
}

// endpointHost is the address part of Listen, where the mirroring
// endpoint listens too.
func (c Config) endpointHost() string {
	host, _, err := net.SplitHostPort(c.Listen)
	if err != nil || host == "" {
		return "127.0.0.1"
	}
	return host
}
