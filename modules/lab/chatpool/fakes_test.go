package chatpool

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeCMS is a CMS whose pool the test changes.
type fakeCMS struct {
	mu   sync.Mutex
	view PoolView
	err  error
}

func newFakeCMS(servers, active int) *fakeCMS {
	v := PoolView{State: StateNormal}
	for i := 1; i <= servers; i++ {
		v.Servers = append(v.Servers, fmt.Sprintf("pc%d.lab.local", i))
	}
	v.Active = slices.Clone(v.Servers[:active])
	return &fakeCMS{view: v}
}

func (c *fakeCMS) ReadPool(context.Context) (PoolView, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view
	v.Servers, v.Active = slices.Clone(v.Servers), slices.Clone(v.Active)
	return v, c.err
}

func (c *fakeCMS) set(state string, active ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.view.State, c.view.Active = state, active
}

// fakeClock is a clock the test advances.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2014, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	keep := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			keep = append(keep, t)
			continue
		}
		t.ch <- c.now
	}
	c.timers = keep
}

// fakeDB is one store's mgc in memory.
type fakeDB struct {
	mu        sync.Mutex
	name      string
	messages  map[int64]Message
	pings     map[int]time.Time
	rooms     map[int]bool
	fail      error                 // every request fails with it
	failPost  func(m Message) error // a post fails when it returns an error
	gate      chan struct{}         // when set, a post commits only once it is closed
	committed func(m Message)       // called at commit
	opens     []Target              // the targets opened on this store
}

func newFakeDB(name string) *fakeDB {
	return &fakeDB{name: name, messages: map[int64]Message{}, pings: map[int]time.Time{}, rooms: map[int]bool{}}
}

func (d *fakeDB) ids() []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []int64
	for id := range d.messages {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func (d *fakeDB) ping(id int) (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.pings[id]
	return t, ok
}

func (d *fakeDB) setFail(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.fail = err
}

// fakeOpener opens the fake stores by name.
type fakeOpener struct {
	mu     sync.Mutex
	stores map[string]*fakeDB
}

func newFakeOpener(names ...string) *fakeOpener {
	o := &fakeOpener{stores: map[string]*fakeDB{}}
	for _, n := range names {
		o.stores[n] = newFakeDB(n)
	}
	return o
}

func (o *fakeOpener) Open(t Target) (Database, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	db, ok := o.stores[t.Store]
	if !ok {
		return nil, fmt.Errorf("no store %s", t.Store)
	}
	db.mu.Lock()
	db.opens = append(db.opens, t)
	db.mu.Unlock()
	return &fakeConn{db: db}, nil
}

// fakeConn is one opened handle on a fakeDB.
type fakeConn struct {
	db     *fakeDB
	closed bool
}

var errClosed = errors.New("sql: database is closed")

func (c *fakeConn) check() error {
	if c.closed {
		return errClosed
	}
	return c.db.fail
}

func (c *fakeConn) Ping(_ context.Context, id Identity, at time.Time) error {
	c.db.mu.Lock()
	defer c.db.mu.Unlock()
	if err := c.check(); err != nil {
		return err
	}
	c.db.pings[id.ID] = at
	return nil
}

func (c *fakeConn) Post(ctx context.Context, m Message) error {
	c.db.mu.Lock()
	gate, failPost := c.db.gate, c.db.failPost
	c.db.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c.db.mu.Lock()
	defer c.db.mu.Unlock()
	if err := c.check(); err != nil {
		return err
	}
	if failPost != nil {
		if err := failPost(m); err != nil {
			return err
		}
	}
	if _, dup := c.db.messages[m.ID]; dup {
		return fmt.Errorf("duplicate chatId %d", m.ID)
	}
	c.db.messages[m.ID] = m
	if c.db.committed != nil {
		c.db.committed(m)
	}
	return nil
}

func (c *fakeConn) EnsureRooms(_ context.Context, rooms []int) error {
	c.db.mu.Lock()
	defer c.db.mu.Unlock()
	if err := c.check(); err != nil {
		return err
	}
	for _, r := range rooms {
		c.db.rooms[r] = true
	}
	return nil
}

func (c *fakeConn) MessageIDs(_ context.Context, rooms []int, from, to int64) ([]int64, error) {
	c.db.mu.Lock()
	defer c.db.mu.Unlock()
	if err := c.check(); err != nil {
		return nil, err
	}
	var out []int64
	for id, m := range c.db.messages {
		if id >= from && id <= to && slices.Contains(rooms, m.Room) {
			out = append(out, id)
		}
	}
	return out, nil
}

func (c *fakeConn) Close() error {
	c.db.mu.Lock()
	defer c.db.mu.Unlock()
	c.closed = true
	return nil
}

// labTargets are the standard lab's targets.
var labTargets = Targets{Normal: Target{Store: "dc1-sql1", Partner: "dc1-sql2"},
	FailedOver: Target{Store: "dc2-sql1", Partner: "dc2-sql2"}}

// fixture is a pool of 8 servers (pc1-pc4 active) over fake stores.
type fixture struct {
	cms    *fakeCMS
	clock  *fakeClock
	opener *fakeOpener
	pool   *Pool
}

func newFixture(t *testing.T, clock Clock) *fixture {
	t.Helper()
	f := &fixture{cms: newFakeCMS(8, 4), opener: newFakeOpener("dc1-sql1", "dc2-sql1")}
	if fc, ok := clock.(*fakeClock); ok {
		f.clock = fc
	}
	p, err := New(context.Background(), Config{FQDN: "pc.lab.local", CMS: f.cms, Targets: labTargets,
		Opener: f.opener, Clock: clock, PostTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	f.pool = p
	return f
}

func (f *fixture) store(name string) *fakeDB { return f.opener.stores[name] }

// eventually polls cond for up to two seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
