// Package connection is how pcsh reaches SQL Server: addressing,
// credentials, connection policy, pooled connections, retries, the
// failover partner, parameterized execution with messages and progress,
// and SQL errors as error records. Every SQL-level module (mirror,
// logship, topology's resource test) goes through it:
//
//	c, err := connection.Open(ctx, "dc1-sql1", connection.Options{Database: "master"})
//	if err != nil {
//		return err
//	}
//	res, err := c.Query(ctx, "SELECT state_desc FROM sys.databases WHERE name = @name",
//		sql.Named("name", db))
//
// # Addressing
//
// -SqlInstance takes a topology name (resolved by the Resolver the
// topology module adds with Manager.AddResolver, then by the lab's
// lab.json when PCSH_LAB_FILE or Manager.LabFile names one: a lab.json in
// the working directory is never read on its own), a lab host name such as
// dc1-sql1.lab.local (resolved the same way to its loopback address; a lab
// file that maps a name anywhere else is refused), host[\instance][,port],
// a key=value connection string, an odbc: string or a sqlserver:// URL.
//
// # Credentials
//
// Manager.Credential lists the sources in order: the connection string;
// PCSH_SQL_USER_<KEY> and PCSH_SQL_PASSWORD_<KEY> (KEY is the topology
// name, or host_instance, upper-cased with other characters as '_':
// PCSH_SQL_PASSWORD_DC1_SQL1); the credential file's entry for the
// instance; PCSH_SQL_USER and PCSH_SQL_PASSWORD; the file's default entry;
// a prompt. A lab instance gets none of them, only sa with
// PCSH_LAB_PASSWORD (or the lab's documented default). The credential
// file is $HOME/.pcsh/sql-credentials.json (or PCSH_SQL_CREDENTIAL_FILE),
// JSON, and must be readable by its owner only: a group- or
// world-readable file is refused with its mode and the fix, chmod 600. On
// Windows, where mode bits say nothing, the file's access control list is
// read instead: a file that any account but its owner, SYSTEM and
// Administrators may read (or one without an ACL) is refused with the
// accounts and the icacls line that fixes it.
// Set-PcSqlCredential writes it with mode 0600. The prompt reads through
// the host; the terminal host (a SecretReader) reads the password without
// echo, and a host that cannot hide input gets a warning before the prompt.
// Every password is registered with the session's secrets as soon as it
// is read, so output, transcripts, errors, -WhatIf and -Debug traces show
// ******** instead.
//
// Windows integrated authentication: "integrated security=sspi" (or
// authenticator=…) in a connection string, or the same key in a resolver
// endpoint's Options. On Windows go-mssqldb uses SSPI (winsspi) with the
// logged-on user: no user or password. On Linux and macOS the default is
// NTLM (authenticator=ntlm), which needs a DOMAIN\user login and its
// password from the sources above. Kerberos (authenticator=krb5,
// go-mssqldb's integratedauth/krb5, compiled in) logs in with a ticket
// from a credential cache (krb5-credcachefile, KRB5CCNAME FILE: caches,
// or MIT's default /tmp/krb5cc_<uid>: what kinit wrote), a keytab
// (krb5-keytabfile with user id) or user id and password; krb5.conf is
// krb5-configfile, KRB5_CONFIG or /etc/krb5.conf, and krb5-realm,
// krb5-dnslookupkdc and krb5-udppreferencelimit pass through. pcsh checks
// the cache before connecting (missing, unreadable, no or an expired
// ticket-granting ticket each have their record) and asks for the SPN
// MSSQLSvc/host:port (or host:INSTANCE) of the name the instance is known
// by, not of the address a resolver dials (serverspn= overrides it); the
// KDC's refusals (unknown SPN, expired ticket, unknown client, bad key,
// clock skew) become records too. Get-PcSqlInstance shows Kerberos, the
// principal, the cache or keytab and the SPN.
//
// # Policy
//
// Application name pcsh; encrypt=true with certificate validation unless
// the connection string or the resolver's endpoint says otherwise
// (TrustServerCertificate, per instance; the lab's self-signed
// certificates are trusted). When a resolver maps a host name to another
// address, the host name is what the certificate is checked against.
// Connect timeout 15 s, command timeout 30 s (Options), as SqlClient's
// Connect Timeout and SqlCommand.CommandTimeout. One database/sql pool per
// DSN (instance, database and login), at most 8 connections, idle ones
// closed after 5 minutes.
//
// Bounded waits: go-mssqldb stops watching its context once it waits for
// the server (the PRELOGIN answer, a statement's response), so a server
// that goes silent behind a partition would hold a login or a statement on
// an established connection until the operating system gives up on the
// TCP connection, minutes later. The pools' dialer therefore wraps every
// socket: the login watchdog closes it when the connect timeout passes,
// the command watchdog CancelGrace (1 s) after the command timeout passes
// or the caller cancels, time enough for a live server to acknowledge the
// driver's attention. A connect or batch that used its
// whole timeout is not retried, and a batch that timed out leaves its
// connection closed, never pooled.
//
// Retries: RetryPolicy (3 tries, 1 s then 2 s apart) for failures to
// connect (network errors, login timeouts) and the error numbers
// TransientErrors lists. Query retries those always; Exec only when the
// connection could not be made, or when Idempotent is passed.
//
// Failover partner: Endpoint.Partner or failoverpartner= in a connection
// string. Target.DSN renders failoverpartner= for callers who open their
// own database/sql pool. pcsh's own pools try the partner themselves: a
// failure to connect, or error 954, 955 or 4060 from a partner that is
// the mirror, moves to the other partner, and the one that answered is
// tried first next time. The partner stands in only for a user database,
// which can be mirrored: a connection to master, model, msdb, tempdb or
// no database talks to the named instance alone.
//
// # Session end
//
// The Manager is the session's state under a typed cmdlet.StateKey and
// implements io.Closer: Session.Close, which the CLI calls when a run
// ends, closes its pools (idle connections close after 5 minutes too);
// Clear-PcSqlConnectionPool closes them on demand.
package connection
