package mirror

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/modules/topology"
	"pcsh/runtime/atomicfile"
	"pcsh/runtime/cmdlet"
)

// stateKey is the session's World.
var stateKey = cmdlet.NewStateKey[*World]("mirror")

// SQL is one SQL Server instance as the mirror cmdlets use it: reads,
// changes, and changes without a command timeout (BACKUP and RESTORE).
// Every statement runs in master. The default implementation is a
// connection.Conn; tests substitute a fake.
type SQL interface {
	// Name is the instance as the admin or the topology named it; it is the
	// target of every ShouldProcess call.
	Name() string
	Query(ctx *cmdlet.Context, query string, args ...any) (*connection.Result, error)
	Exec(ctx *cmdlet.Context, query string, args ...any) (*connection.Result, error)
	// ExecLong runs a change that may take longer than the command timeout.
	ExecLong(ctx *cmdlet.Context, query string, args ...any) (*connection.Result, error)
}

// World is every outside effect of the module, so tests can replace it:
// SQL connections, the reachability probe, TCP dials to mirroring
// endpoints, the share check, the clock, report files and the topology.
type World struct {
	// Open opens an instance by name (topology host[\instance], lab name,
	// address or connection string).
	Open func(ctx *cmdlet.Context, instance string) (SQL, error)
	// Reachable reports whether the instance's SQL port accepts TCP
	// connections; nil error means it does (or cannot be probed).
	Reachable func(ctx *cmdlet.Context, instance string) error
	// Dial opens and closes a TCP connection to host:port.
	Dial func(ctx context.Context, addr string) error
	// DialHost returns the host a name's TCP connections go to (the lab
	// maps host names to loopback addresses).
	DialHost func(ctx *cmdlet.Context, instance string) string
	// ShareWritable checks that dir accepts a new file, from this host.
	ShareWritable func(dir string) error
	// WriteFile writes a report.
	WriteFile func(path string, data []byte) error
	// Sleep waits between polls.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock.
	Now func() time.Time
	// Topology loads the topology document (the default when path is "").
	Topology func(ctx *cmdlet.Context, path string) (*topology.Topology, error)
}

// For returns the session's World, the real one on first use.
func For(s *cmdlet.Session) *World {
	return stateKey.Load(s, RealWorld)
}

// Install makes w the session's World (tests inject fakes this way).
func Install(s *cmdlet.Session, w *World) { stateKey.Set(s, w) }

// RealWorld returns the World over connection, the network, the file
// system and the real clock.
func RealWorld() *World {
	return &World{Open: openConn, Reachable: probeSQL, Dial: dialTCP, DialHost: dialHost,
		ShareWritable: shareWritable, WriteFile: func(p string, d []byte) error { return atomicfile.WriteFileAtomic(p, d, 0o644) },
		Sleep: sleep, Now: time.Now, Topology: topology.LoadFor}
}

// connSQL is SQL over two connection handles: one with the default command
// timeout and one without any, for BACKUP and RESTORE.
type connSQL struct {
	name        string
	short, long *connection.Conn
}

// openConn opens name in master. Mirroring administration must talk to
// exactly the instance it names, so the failover partner the resolver
// knows is dropped: a statement meant for the mirror must never run on
// the principal because the mirror did not answer.
func openConn(ctx *cmdlet.Context, name string) (SQL, error) {
	short, err := connection.Open(ctx, name, connection.Options{Database: "master"})
	if err != nil {
		return nil, err
	}
	long, err := connection.Open(ctx, name, connection.Options{Database: "master", CommandTimeout: -1})
	if err != nil {
		return nil, err
	}
	short.Target.PartnerAddr, long.Target.PartnerAddr = nil, nil
	return &connSQL{name: name, short: short, long: long}, nil
}

// Name returns the instance name the connection was opened with.
func (c *connSQL) Name() string { return c.name }

// Query runs a read with the default command timeout.
func (c *connSQL) Query(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return c.short.Query(ctx, q, args...)
}

// Exec runs a change with the default command timeout.
func (c *connSQL) Exec(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return c.short.Exec(ctx, q, args...)
}

// ExecLong runs a change without a command timeout.
func (c *connSQL) ExecLong(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return c.long.Exec(ctx, q, args...)
}

// probeSQL dials the instance's SQL port once, so an unreachable instance
// is known in milliseconds instead of after the connection retries. A
// named instance without a port is reached through the SQL Browser, which
// a TCP dial cannot test: it counts as reachable.
func probeSQL(ctx *cmdlet.Context, name string) error {
	t, err := connection.For(ctx.Session).Resolve(ctx, name)
	if err != nil {
		return err
	}
	port := t.Port
	if port == 0 && t.Instance != "" {
		return nil
	}
	if port == 0 {
		port = 1433
	}
	return dialTCP(ctx, net.JoinHostPort(hostOf(t), strconv.Itoa(port)))
}

// dialHost is the address the resolver dials for name, or name's host.
func dialHost(ctx *cmdlet.Context, name string) string {
	t, err := connection.For(ctx.Session).Resolve(ctx, name)
	if err != nil {
		h, _, _ := strings.Cut(name, `\`)
		return h
	}
	return hostOf(t)
}

func hostOf(t *connection.Target) string {
	if t.Address != "" {
		return t.Address
	}
	return t.Host
}

// dialTCP connects to addr within 3 seconds and closes the connection.
func dialTCP(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: 3 * time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

// errShareUnchecked means this host cannot reach a UNC share, so only the
// BACKUP can tell whether SQL Server may write there.
var errShareUnchecked = errors.New("a UNC share cannot be checked from this operating system")

// shareWritable creates and removes a probe file in dir.
func shareWritable(dir string) error {
	if strings.HasPrefix(dir, `\\`) && runtime.GOOS != "windows" {
		return errShareUnchecked
	}
	f, err := os.CreateTemp(dir, ".pcsh-share-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(filepath.Clean(name))
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

var _ SQL = (*connSQL)(nil)
