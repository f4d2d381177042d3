package sqlserver

import (
	"context"
	"net"
)

// Environment is what an instance reaches outside itself: the files
// behind backup paths, the lab's fault plan's verdicts on them, and the
// network of its TDS and mirroring endpoints. `pcsh lab serve --lab`
// supplies the lab's; Direct is a machine without a lab.
type Environment interface {
	// MapPath resolves a backup path (a UNC share) to the file behind it.
	MapPath(path string) string
	// CheckWrite is the verdict on writing path (a full disk: OS error 112).
	CheckWrite(path string) error
	// CheckRead is the verdict on reading or listing path.
	CheckRead(path string) error
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

// MapPath returns path unchanged.
func (Direct) MapPath(path string) string { return path }

// CheckWrite allows every write.
func (Direct) CheckWrite(string) error { return nil }

// CheckRead allows every read.
func (Direct) CheckRead(string) error { return nil }

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
