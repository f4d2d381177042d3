package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/datacenter"
	"pcsh/modules/lab/kerberos"
	"pcsh/modules/lab/sqlserver"
	"pcsh/modules/lab/tds"
)

// ServeOptions configure one lab instance.
type ServeOptions struct {
	Name string // the host's name: @@SERVERNAME of a default instance
	// Instance names a named instance (@@SERVICENAME; @@SERVERNAME is then
	// Name\Instance), which a SQL Server Browser on UDP 1434 of the
	// listen address announces; "" or MSSQLSERVER is the default instance.
	Instance string
	Listen   string // HOST:PORT; empty means DefaultListen
	Data     string // data directory
	TLSCert  string // PEM certificate; empty: self-signed
	TLSKey   string
	LabDir   string // pcsh lab up directory whose fault plan applies; empty: none
	// Keytab is the service keytab that lets the instance accept Kerberos
	// logins of Windows logins (--keytab); empty: integrated logins fail
	// with 18452.
	Keytab string
	// AllowNonLoopback lets Listen be an address other machines reach;
	// it takes PCSH_LAB_PASSWORD set too (--allow-non-loopback).
	AllowNonLoopback bool
	// BackupDirs are directories BACKUP, RESTORE and the Agent's jobs may
	// use besides the data directory and the lab's share and copy
	// directories (--backup-dir).
	BackupDirs []string
	Getenv     func(string) string
	Now        func() time.Time // nil: time.Now
	Out        io.Writer        // the ready line
	Err        io.Writer        // diagnostics
}

// Serve runs an instance until ctx ends or stop delivers: it starts the
// instance (sqlserver.Start), prints the ready line with the go-mssqldb
// connection string (never the password), and on stop closes the
// connections and checkpoints and closes the engine (Instance.Close).
func Serve(ctx context.Context, o ServeOptions, stop <-chan os.Signal) error {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return err
	}
	sspi, err := loadKeytab(o.Keytab)
	if err != nil {
		return fmt.Errorf("lab instance %s: %w", o.Name, err)
	}
	env := newLabEnv(o)
	defer env.stop()
	cfg := o.instanceConfig(env)
	cfg.SSPI = sspi
	inst, err := sqlserver.Start(ctx, cfg)
	if err != nil {
		return err
	}
	browser, err := startBrowser(o, inst.Address(), env)
	if err != nil {
		return errors.Join(err, inst.Close())
	}
	fmt.Fprintf(o.Out, "lab instance %s ready: %s\n", o.serverName(), o.connString(inst.Address()))
	select {
	case <-ctx.Done():
	case <-stop:
	}
	if browser != nil {
		browser.Close()
	}
	if err := inst.Close(); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "lab instance %s stopped\n", o.Name)
	return nil
}

// instanceConfig is the instance the options describe, in the lab
// environment env.
func (o ServeOptions) instanceConfig(env *labEnv) sqlserver.Config {
	return sqlserver.Config{Name: o.serverName(), Data: o.Data, Listen: o.Listen, Password: labpassword.From(o.Getenv),
		Now: o.Now, BackupDirs: append(append([]string{}, env.labDirs...), o.BackupDirs...),
		CertFile: o.TLSCert, KeyFile: o.TLSKey, HostName: env.selfHostName(), Environment: env,
		Logf: func(format string, args ...any) { fmt.Fprintf(o.Err, format+"\n", args...) }}
}

// withDefaults fills in the listen address, clock and streams.
func (o ServeOptions) withDefaults() ServeOptions {
	if o.Listen == "" {
		o.Listen = DefaultListen
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Err == nil {
		o.Err = io.Discard
	}
	return o
}

// loadKeytab loads --keytab; nil (no Kerberos) when it is not given.
func loadKeytab(path string) (tds.SSPIAcceptor, error) {
	if path == "" {
		return nil, nil
	}
	return kerberos.Load(path)
}

// connString is the go-mssqldb URL of the instance at addr, without a
// password; a named instance's names the instance instead of the port,
// so clients find the port through the SQL Server Browser.
func (o ServeOptions) connString(addr string) string {
	if o.named() {
		host, _, _ := net.SplitHostPort(addr)
		return fmt.Sprintf("sqlserver://sa@%s/%s?database=master", host, strings.ToUpper(o.Instance))
	}
	return fmt.Sprintf("sqlserver://sa@%s?database=master", addr)
}

// check refuses a listen address beyond loopback (see checkListen) and a
// bad instance name, or a host name that holds one already.
func (o ServeOptions) check() error {
	if err := checkListen(o.Listen, o.AllowNonLoopback, o.Getenv); err != nil {
		return err
	}
	if o.Instance != "" && strings.Contains(o.Name, `\`) {
		return fmt.Errorf("lab serve: --name %q holds an instance name and --instance gives another: give the host as --name", o.Name)
	}
	if err := datacenter.CheckInstanceName(o.Instance); err != nil {
		return fmt.Errorf("lab serve: --instance: %w", err)
	}
	return nil
}

// stopSignals merges SIGTERM (and SIGINT) with the host's interrupt
// channel into one stop channel.
func stopSignals(interrupts <-chan os.Signal) <-chan os.Signal {
	out := make(chan os.Signal, 1)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		select {
		case s := <-sig:
			out <- s
		case s := <-interrupts:
			out <- s
		}
	}()
	return out
}
