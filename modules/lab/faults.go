package lab

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/datacenter"
	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/fault"
	"pcsh/modules/lab/share"
)

// planInterval is how often an instance re-reads the lab's fault plan.
const planInterval = 200 * time.Millisecond

// labEnv is what an instance started by `pcsh lab up` knows about its lab:
// the fault plan it obeys and where UNC shares live. Outside a lab (no
// --lab) it is empty: no faults, paths used as given.
type labEnv struct {
	watcher *fault.Watcher // nil outside a lab
	shares  share.Map
	labDir  string
	name    string
	stop    context.CancelFunc
	// labDirs are the lab's directories the instance may back up to: the
	// shares root and every copy directory.
	labDirs []string

	mu    sync.Mutex
	hosts map[string]string // lab host names and instance names → loopback address
	self  string            // this instance's loopback address, "" outside a lab
	host  string            // this instance's lab host name, "" outside a lab
}

// newLabEnv reads DIR/lab.json and starts watching the fault plan. A lab
// directory without lab.json leaves the instance outside any lab.
func newLabEnv(o ServeOptions) *labEnv {
	env := &labEnv{stop: func() {}, labDir: o.LabDir, name: o.Name}
	if o.LabDir == "" {
		return env
	}
	st, err := datacenter.ReadState(o.LabDir)
	if err != nil {
		fmt.Fprintf(o.Err, "lab instance %s: no fault plane: %v\n", o.Name, err)
		return env
	}
	env.shares = share.Map{Root: st.SharesDir}
	env.labDirs = append(env.labDirs, st.SharesDir)
	for _, d := range st.CopyDirs {
		env.labDirs = append(env.labDirs, d)
	}
	env.learnHosts(st)
	env.watcher = fault.NewWatcher(o.LabDir, o.Name, st.World())
	ctx, cancel := context.WithCancel(context.Background())
	go env.watcher.Run(ctx, planInterval)
	env.stop = cancel
	return env
}

// Disk is the lab's file system: UNC share paths resolve to the lab
// directories behind them, where the fault plan's full disks and shares
// are judged (a full disk, a share across a cut link).
func (e *labEnv) Disk() disk.FS {
	fsys := disk.FS{Map: e.shares.Local}
	if e.watcher != nil {
		fsys.Faults = e.watcher
	}
	return fsys
}

// Listener applies the fault plan (partitions, slow links) to l.
func (e *labEnv) Listener(l net.Listener) net.Listener {
	if e.watcher == nil {
		return l
	}
	return fault.Listen(l, e.watcher)
}

// Listen opens a listener under the fault plan: the mirroring endpoint's.
func (e *labEnv) Listen(network, address string) (net.Listener, error) {
	l, err := net.Listen(network, address)
	if err != nil {
		return nil, err
	}
	return e.Listener(l), nil
}

// DialContext dials a partner or witness: lab host names resolve to their
// loopback addresses, and the connection leaves from this instance's own
// address so the other side's fault plan knows which site it comes from.
func (e *labEnv) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	if host, port, err := net.SplitHostPort(address); err == nil {
		if ip, ok := e.lookup(host); ok {
			address = net.JoinHostPort(ip, port)
		}
	}
	if self := e.selfAddr(); self != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(self)}
	}
	return d.DialContext(ctx, network, address)
}

// learnHosts records the lab's host names and this instance's address.
func (e *labEnv) learnHosts(st *datacenter.State) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hosts = map[string]string{}
	for _, r := range st.Instances {
		e.hosts[strings.ToLower(r.Host)], e.hosts[strings.ToLower(r.Name)] = r.Address, r.Address
		if strings.EqualFold(r.Name, e.name) {
			e.self, e.host = r.Address, r.Host
		}
	}
}

// lookup resolves a lab host name, re-reading lab.json once when the name
// is new (the lab may have been described after this instance started).
func (e *labEnv) lookup(host string) (string, bool) {
	e.mu.Lock()
	ip, ok := e.hosts[strings.ToLower(host)]
	e.mu.Unlock()
	if ok || e.labDir == "" {
		return ip, ok
	}
	if st, err := datacenter.ReadState(e.labDir); err == nil {
		e.learnHosts(st)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	ip, ok = e.hosts[strings.ToLower(host)]
	return ip, ok
}

// selfHostName is this instance's lab host name (dc1-sql1.lab.local),
// "" outside a lab.
func (e *labEnv) selfHostName() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.host
}

func (e *labEnv) selfAddr() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.self
}
