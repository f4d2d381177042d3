package sqlserver

import (
	"context"
	"net"

	"pcsh/modules/lab/disk"
)

// Environment is what an instance reaches outside itself: the files
// behind backup paths, the lab's fault plan's verdicts on them, and the
// network of its TDS and mirroring endpoints. `pcsh lab serve --lab`
// supplies the lab's; Direct is a machine without a lab.
type Environment interface {
	// Disk is the file system behind backup paths: UNC shares mapped to
	// the files behind them and the fault plan's verdicts on those (a
	// full disk: OS error 112; a share across a cut link: 53). The
	// instance adds its backup directories.
	Disk() disk.FS
	// Listener wraps the TDS listener (partitions, slow links).
	Listener(l net.Listener) net.Listener
	// Listen opens a mirroring endpoint's listener.
	Listen(network, address string) (net.Listener, error)
	// DialContext dials a mirroring partner or witness.
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// Direct is the environment outside a lab: paths as given, every file
// reachable, the loopback network as it is.
type Direct struct{}

// Disk is the operating system's file system: paths as given, no faults.
func (Direct) Disk() disk.FS { return disk.FS{} }

// Listener returns l unchanged.
func (Direct) Listener(l net.Listener) net.Listener { return l }

// Listen is net.Listen.
func (Direct) Listen(network, address string) (net.Listener, error) {
	return net.Listen(network, address)
}

// DialContext dials with a net.Dialer.
func (Direct) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, network, address)
}
