package lab

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	"pcsh/modules/lab/logship"
	"pcsh/modules/lab/mirror"
	"pcsh/modules/lab/principals"
	"pcsh/modules/lab/tds"
)

// ServeOptions configure one lab instance.
type ServeOptions struct {
	Name    string // instance name, @@SERVERNAME
	Listen  string // HOST:PORT; empty means DefaultListen
	Data    string // data directory
	TLSCert string // PEM certificate; empty: self-signed
	TLSKey  string
	LabDir  string // pcsh lab up directory whose fault plan applies; empty: none
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

// Serve runs an instance until ctx ends or stop delivers: it opens the
// engine, listens, prints the ready line with the go-mssqldb connection
// string (never the password), and on stop closes the connections and
// checkpoints and closes the engine.
func Serve(ctx context.Context, o ServeOptions, stop <-chan os.Signal) error {
	o = o.withDefaults()
	if err := checkListen(o.Listen, o.AllowNonLoopback, o.Getenv); err != nil {
		return err
	}
	password := exec.PasswordFrom(o.Getenv)
	env := newLabEnv(o)
	defer env.stop()
	backupDirs := o.backupDirs(env)
	inst, err := engine.Open(engine.Options{Name: o.Name, Dir: o.Data, Now: o.Now,
		Logins:  map[string]string{"sa": password},
		MapPath: env.shares.Local, CheckWrite: env.checkWrite, CheckRead: env.checkRead, BackupDirs: backupDirs,
		Logf: func(format string, args ...any) { fmt.Fprintf(o.Err, format+"\n", args...) }})
	if err != nil {
		return fmt.Errorf("lab instance %s: open %s: %w", o.Name, o.Data, err)
	}
	sqlAgent, err := logship.Start(ctx, inst, logship.Options{Now: o.Now, MapPath: env.shares.Local,
		CheckWrite: env.checkWrite, CheckRead: env.checkRead, BackupDirs: backupDirs})
	if err != nil {
		inst.Close()
		return fmt.Errorf("lab instance %s: SQL Server Agent: %w", o.Name, err)
	}
	mirroring, err := mirror.New(mirror.Config{Instance: inst, Host: endpointHost(o.Listen), ServerName: o.Name,
		Dialer: env, Listen: env.listen, Logf: func(format string, args ...any) { fmt.Fprintf(o.Err, format+"\n", args...) }})
	if err != nil {
		sqlAgent.Stop()
		inst.Close()
		return fmt.Errorf("lab instance %s: database mirroring: %w", o.Name, err)
	}
	logins, err := principals.Open(inst)
	if err != nil {
		mirroring.Close()
		sqlAgent.Stop()
		inst.Close()
		return fmt.Errorf("lab instance %s: server principals: %w", o.Name, err)
	}
	srv, l, err := listen(o, inst, exec.Config{Password: password, Now: o.Now,
		Procedures: logship.Procedures(), Agent: sqlAgent, Mirror: mirroring, Principals: logins}, env)
	if err != nil {
		mirroring.Close()
		sqlAgent.Stop()
		inst.Close()
		return err
	}
	go func() { _ = srv.Serve(l) }()
	fmt.Fprintf(o.Out, "lab instance %s ready: %s\n", o.Name, connString(l.Addr()))
	select {
	case <-ctx.Done():
	case <-stop:
	}
	srv.Close()
	mirroring.Close()
	sqlAgent.Stop()
	if err := inst.Close(); err != nil {
		return fmt.Errorf("lab instance %s: close: %w", o.Name, err)
	}
	fmt.Fprintf(o.Out, "lab instance %s stopped\n", o.Name)
	return nil
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

// backupDirs are the directories BACKUP, RESTORE and the Agent's jobs may
// use: the data directory, the lab's shares and copy directories, and
// every --backup-dir.
func (o ServeOptions) backupDirs(env *labEnv) []string {
	dirs := append([]string{o.Data}, env.labDirs...)
	return append(dirs, o.BackupDirs...)
}

// listen builds the TDS server over the executor and opens its listener
// (under the lab's fault plan when LabDir is set).
func listen(o ServeOptions, inst *engine.Instance, cfg exec.Config, env *labEnv) (*tds.Server, net.Listener, error) {
	h := exec.New(inst, cfg)
	tlsCfg, err := loadTLS(o.TLSCert, o.TLSKey)
	if err == nil && tlsCfg == nil {
		hosts, ips := certificateNames(o, env)
		tlsCfg, err = labCertificate(o.Data, o.Name, hosts, ips)
	}
	if err != nil {
		return nil, nil, err
	}
	srv := tds.NewServer(tds.Config{ServerName: o.Name, Version: h.TDSVersion(), TLS: tlsCfg,
		Logf: func(format string, args ...any) { fmt.Fprintf(o.Err, format+"\n", args...) }}, h)
	l, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return nil, nil, fmt.Errorf("lab instance %s: %w", o.Name, err)
	}
	return srv, env.listener(l), nil
}

// loadTLS loads --tls-cert/--tls-key; nil when neither is given (the lab
// then uses its generated certificate, labCertificate).
func loadTLS(cert, key string) (*tls.Config, error) {
	if cert == "" && key == "" {
		return nil, nil
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("lab: load TLS certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}}, nil
}

// connString is the go-mssqldb URL of the instance, without a password.
func connString(a net.Addr) string {
	return fmt.Sprintf("sqlserver://sa@%s?database=master", a.String())
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

// endpointHost is the address part of HOST:PORT, where the mirroring
// endpoint listens too.
func endpointHost(listen string) string {
	host, _, err := net.SplitHostPort(listen)
	if err != nil || host == "" {
		return "127.0.0.1"
	}
	return host
}
