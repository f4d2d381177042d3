package connection

import (
	"context"
	"net"
	"testing"
)

// TestWatchdogAbortsOnlyAfterItsContextEnds: stopped while its context is
// live it never aborts; once the context ends it aborts after the grace,
// once, and stop reports it.
func TestWatchdogAbortsOnlyAfterItsContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	aborted := 0
	if w := watch(ctx, 0, func() { aborted++ }); w.stop() || aborted != 0 {
		t.Fatalf("a watchdog stopped in time aborted (%d)", aborted)
	}
	cancel()

	bit := make(chan struct{})
	w := watch(ctx, 0, func() { close(bit) })
	<-bit
	if !w.stop() {
		t.Fatal("stop did not report the abort")
	}
}

// TestSocketsForgetClosedSockets: a socket bound to a driver connection is
// found by it until it is closed.
func TestSocketsForgetClosedSockets(t *testing.T) {
	var reg sockets
	a, b := net.Pipe()
	defer b.Close()
	s := &socket{Conn: a, reg: &reg}
	dc := new(int)
	reg.bind(dc, s)
	if reg.of(dc) != s || reg.len() != 1 {
		t.Fatal("the bound socket is not found")
	}
	s.Close()
	s.Close()
	if reg.of(dc) != nil || reg.len() != 0 {
		t.Fatal("a closed socket is still bound")
	}
}

// TestDialSlotClosesSocketsAfterAbort: abort closes what the connect
// opened, and a socket that arrives after the abort is closed at once.
func TestDialSlotClosesSocketsAfterAbort(t *testing.T) {
	var slot dialSlot
	first, peer := net.Pipe()
	defer peer.Close()
	slot.add(&socket{Conn: first})
	slot.abort()
	late, peer2 := net.Pipe()
	defer peer2.Close()
	slot.add(&socket{Conn: late})
	for _, c := range []net.Conn{first, late} {
		if _, err := c.Write([]byte{0}); err == nil {
			t.Fatal("a socket of an aborted connect is still open")
		}
	}
	if slot.last().Conn != late {
		t.Fatal("last is not the newest socket")
	}
}
