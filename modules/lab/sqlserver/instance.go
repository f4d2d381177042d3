// Package sqlserver assembles one lab SQL Server instance: the storage
// engine, SQL Server Agent with the log shipping jobs, database
// mirroring, the server principals, the executor and the TDS server on
// its listener, in the lab's environment (fault plan, shares). `pcsh lab
// serve`, the instances `pcsh lab up` starts (which are `pcsh lab serve`
// processes) and the in-process instances of tests (labtest) are all
// built by Start and torn down by Close, so tests run the production
// wiring.
package sqlserver

import (
	"context"
	"net"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	"pcsh/modules/lab/logship"
	"pcsh/modules/lab/mirror"
	"pcsh/modules/lab/principals"
	"pcsh/modules/lab/tds"
)

// Instance is one running lab SQL Server instance. Its parts are exposed
// for tests and tools that reach past T-SQL.
type Instance struct {
	// Engine holds the databases and the durable state.
	Engine *engine.Instance
	// Agent is SQL Server Agent with the log shipping step runners.
	Agent *agent.Agent
	// Mirror is the database mirroring server (endpoints, partners).
	Mirror *mirror.Server
	// Principals are the logins and server permissions.
	Principals *principals.Store
	// Handler is the executor every TDS session runs on.
	Handler *exec.Handler

	name     string
	server   *tds.Server
	listener net.Listener
}

// Start opens the instance c describes and serves it on c.Listen until
// Close. A part that fails to start closes the parts started before it.
func Start(ctx context.Context, c Config) (*Instance, error) {
	c = c.withDefaults()
	i := &Instance{name: c.Name}
	if err := i.start(ctx, c); err != nil {
		_ = i.Close()
		return nil, err
	}
	go func() { _ = i.server.Serve(i.listener) }()
	return i, nil
}

// start opens each part in turn, stopping at the first that fails.
func (i *Instance) start(ctx context.Context, c Config) error {
	steps := []func(context.Context, Config) error{i.openEngine, i.startAgent, i.startMirroring, i.openPrincipals, i.listen}
	for _, step := range steps {
		if err := step(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// openEngine opens the storage engine in the data directory, on the
// instance's one file system: the environment's, confined to the backup
// directories. The log shipping jobs use the engine's.
func (i *Instance) openEngine(_ context.Context, c Config) error {
	fsys := c.Environment.Disk()
	fsys.Dirs = c.backupDirs()
	inst, err := engine.Open(engine.Options{Name: c.Name, Dir: c.Data, Now: c.Now,
		Logins: map[string]string{"sa": c.Password}, Disk: fsys, Logf: c.Logf})
	if err != nil {
		return &StartError{Instance: c.Name, Part: "open " + c.Data, Err: err}
	}
	i.Engine = inst
	return nil
}

// startAgent starts SQL Server Agent with the msdb log shipping tables.
func (i *Instance) startAgent(ctx context.Context, c Config) error {
	a, err := logship.Start(ctx, i.Engine, logship.Options{Now: c.Now})
	if err != nil {
		return &StartError{Instance: c.Name, Part: "SQL Server Agent", Err: err}
	}
	i.Agent = a
	return nil
}

// startMirroring starts the database mirroring server; its endpoints
// listen on the TDS listen host.
func (i *Instance) startMirroring(_ context.Context, c Config) error {
	m, err := mirror.New(mirror.Config{Instance: i.Engine, Host: c.endpointHost(), ServerName: c.Name,
		Dialer: c.Environment, Listen: c.Environment.Listen, PingInterval: c.MirrorPingInterval,
		DialTimeout: c.MirrorDialTimeout, Logf: c.Logf})
	if err != nil {
		return &StartError{Instance: c.Name, Part: "database mirroring", Err: err}
	}
	i.Mirror = m
	return nil
}

// openPrincipals loads the server's logins and permissions.
func (i *Instance) openPrincipals(_ context.Context, c Config) error {
	p, err := principals.Open(i.Engine)
	if err != nil {
		return &StartError{Instance: c.Name, Part: "server principals", Err: err}
	}
	i.Principals = p
	return nil
}

// listen builds the executor and the TDS server and opens the listener
// (under the environment's fault plan).
func (i *Instance) listen(_ context.Context, c Config) error {
	i.Handler = exec.New(i.Engine, exec.Config{Password: c.Password, Now: c.Now,
		Procedures: logship.Procedures(), Agent: i.Agent, Mirror: i.Mirror, Principals: i.Principals})
	tlsCfg, err := serverTLS(c)
	if err != nil {
		return err
	}
	i.server = tds.NewServer(tds.Config{ServerName: c.Name, Version: i.Handler.TDSVersion(), TLS: tlsCfg, SSPI: c.SSPI,
		Logf: c.Logf}, i.Handler)
	l, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return &StartError{Instance: c.Name, Err: err}
	}
	i.listener = c.Environment.Listener(l)
	return nil
}

// Address is the TDS address the instance listens on (HOST:PORT).
func (i *Instance) Address() string { return i.listener.Addr().String() }

// Close stops the instance: it closes the TDS server and its sessions,
// stops mirroring and the Agent, then checkpoints and closes the engine.
// It closes what Start opened, so it also undoes a partial start.
func (i *Instance) Close() error {
	if i.server != nil {
		i.server.Close()
	}
	if i.listener != nil {
		i.listener.Close() // in case Close came before Serve took it
	}
	if i.Mirror != nil {
		i.Mirror.Close()
	}
	if i.Agent != nil {
		i.Agent.Stop()
	}
	if i.Engine == nil {
		return nil
	}
	if err := i.Engine.Close(); err != nil {
		return &StartError{Instance: i.name, Part: "close", Err: err}
	}
	return nil
}
