package mirror

import (
	"sync"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// manualClock is a Clock that moves only when the test advances it.
type manualClock struct {
	mu      sync.Mutex
	now     time.Time
	tickers []*manualTicker
}

type manualTicker struct {
	c    chan time.Time
	d    time.Duration
	next time.Time
	stop bool
}

func (t *manualTicker) C() <-chan time.Time { return t.c }
func (t *manualTicker) Stop()               { t.stop = true }

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) NewTicker(d time.Duration) Ticker {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &manualTicker{c: make(chan time.Time, 1), d: d, next: c.now.Add(d)}
	c.tickers = append(c.tickers, t)
	return t
}

// advance moves the clock by d in steps, firing due tickers.
func (c *manualClock) advance(d, step time.Duration) {
	for end := c.Now().Add(d); c.Now().Before(end); {
		c.mu.Lock()
		c.now = c.now.Add(step)
		for _, t := range c.tickers {
			if !t.stop && !c.now.Before(t.next) {
				t.next = c.now.Add(t.d)
				select {
				case t.c <- c.now:
				default:
				}
			}
		}
		c.mu.Unlock()
		time.Sleep(2 * time.Millisecond)
	}
}

// TestTimeoutInjectedClock: a silent partner is declared lost after
// TIMEOUT seconds of the injected clock ("Possible Failures During
// Database Mirroring": soft errors and the partner timeout), without
// waiting in real time.
func TestTimeoutInjectedClock(t *testing.T) {
	clock := &manualClock{now: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)}
	fd := &faultDialer{}
	p, m := newClockNode(t, "P", fd, clock), newClockNode(t, "M", nil, clock)
	prepare(t, p, m, "mgc", 1)
	pa, ma := p.endpoint("PARTNER"), m.endpoint("PARTNER")
	must(t, m.srv.SetPartner("mgc", pa))
	must(t, p.srv.SetPartner("mgc", ma))
	eventually(t, 5*time.Second, "synchronized on both", func() bool {
		clock.advance(100*time.Millisecond, 50*time.Millisecond) // pings carry the state to the mirror
		ps, _ := p.srv.Status("mgc")
		ms, _ := m.srv.Status("mgc")
		return ps.State == StateSynchronized && ms.State == StateSynchronized
	})
	fd.silence()
	clock.advance(9*time.Second, 500*time.Millisecond) // the default TIMEOUT is 10 seconds
	if st, _ := p.srv.Status("mgc"); st.State != StateSynchronized {
		t.Fatalf("lost the partner before TIMEOUT: %s", st.StateDesc)
	}
	start := time.Now()
	clock.advance(3*time.Second, 500*time.Millisecond)
	waitState(t, p, "mgc", StateDisconnected)
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v of real time", d)
	}
	must(t, p.insert("mgc", "exposed")) // no witness: the principal runs exposed
	if st, _ := p.srv.Status("mgc"); st.Role != engine.MirrorRolePrincipal {
		t.Fatal("principal lost its role")
	}
}

// newClockNode is newNode with an injected clock.
func newClockNode(t *testing.T, name string, dialer Dialer, clock Clock) *node {
	t.Helper()
	n := &node{t: t, name: name, dir: t.TempDir(), dialer: dialer, clock: clock}
	n.start()
	t.Cleanup(n.kill)
	return n
}
