package lab

import (
	"context"
	"fmt"
	"net"
	"time"

	"pcsh/modules/lab/datacenter"
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
	stop    context.CancelFunc
}

// newLabEnv reads DIR/lab.json and starts watching the fault plan. A lab
// directory without lab.json leaves the instance outside any lab.
func newLabEnv(o ServeOptions) *labEnv {
	env := &labEnv{stop: func() {}}
	if o.LabDir == "" {
		return env
	}
	st, err := datacenter.ReadState(o.LabDir)
	if err != nil {
		fmt.Fprintf(o.Err, "lab instance %s: no fault plane: %v\n", o.Name, err)
		return env
	}
	env.shares = share.Map{Root: st.SharesDir}
	env.watcher = fault.NewWatcher(o.LabDir, o.Name, st.World())
	ctx, cancel := context.WithCancel(context.Background())
	go env.watcher.Run(ctx, planInterval)
	env.stop = cancel
	return env
}

// listener applies the fault plan (partitions, slow links) to l.
func (e *labEnv) listener(l net.Listener) net.Listener {
	if e.watcher == nil {
		return l
	}
	return fault.Listen(l, e.watcher)
}

// checkWrite is the fault plan's verdict on a file write (full disks,
// shares across a cut link).
func (e *labEnv) checkWrite(path string) error { return e.watcher.CheckWrite(path) }
