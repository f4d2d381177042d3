package lab

import (
	"context"
	"fmt"
	"net"
	"time"

	"pcsh/modules/lab/datacenter"
	"pcsh/modules/lab/fault"
)

// planInterval is how often an instance re-reads the lab's fault plan.
const planInterval = 200 * time.Millisecond

// withFaults wraps the listener with the fault plane of the lab in
// o.LabDir: partitions and slow links that `pcsh lab fault` injects. A lab
// directory without lab.json leaves the listener as it is.
func withFaults(l net.Listener, o ServeOptions) net.Listener {
	st, err := datacenter.ReadState(o.LabDir)
	if err != nil {
		fmt.Fprintf(o.Err, "lab instance %s: no fault plane: %v\n", o.Name, err)
		return l
	}
	w := fault.NewWatcher(o.LabDir, o.Name, st.World())
	ctx, cancel := context.WithCancel(context.Background())
	go w.Run(ctx, planInterval)
	return &stoppingListener{Listener: fault.Listen(l, w), stop: cancel}
}

// stoppingListener stops the plan watcher when the listener closes.
type stoppingListener struct {
	net.Listener
	stop context.CancelFunc
}

// Close stops the watcher and closes the listener.
func (l *stoppingListener) Close() error {
	l.stop()
	return l.Listener.Close()
}
