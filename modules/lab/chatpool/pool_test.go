package chatpool

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var ctx = context.Background()

func msg(id int64) Message { return Message{ID: id, Room: 2, UserID: 1, Text: "hello"} }

// TestInactiveServerRefusesClients: a server off the active list refuses
// new clients with an error naming it; a server removed from the list
// stops serving its sessions; Connect only hands out active servers.
func TestInactiveServerRefusesClients(t *testing.T) {
	f := newFixture(t, newFakeClock())
	_, err := f.pool.Server("pc5.lab.local").Connect("c1")
	if !errors.Is(err, ErrInactive) || !strings.Contains(err.Error(), "pc5.lab.local") {
		t.Fatalf("pc5 (inactive) took a client: %v", err)
	}
	sess, err := f.pool.Server("pc1.lab.local").Connect("c1")
	if err != nil {
		t.Fatalf("pc1 (active) refused a client: %v", err)
	}
	if err := sess.Post(ctx, msg(1)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 16; i++ {
		s, err := f.pool.Connect("c", nil)
		if err != nil || !slices.Contains([]string{"pc1.lab.local", "pc2.lab.local", "pc3.lab.local", "pc4.lab.local"}, s.Server().FQDN()) {
			t.Fatalf("Connect gave %v, %v", s, err)
		}
	}

	f.cms.set(StateNormal, "pc2.lab.local", "pc3.lab.local", "pc4.lab.local")
	f.pool.Refresh(ctx)
	if err := sess.Post(ctx, msg(2)); !errors.Is(err, ErrInactive) {
		t.Fatalf("pc1, now inactive, served a post: %v", err)
	}
	if _, err := f.pool.Server("pc1.lab.local").Connect("c2"); !errors.Is(err, ErrInactive) {
		t.Fatalf("pc1, now inactive, took a client: %v", err)
	}
	if got := f.store("dc1-sql1").ids(); !slices.Equal(got, []int64{1}) {
		t.Fatalf("stored %v, want only the post made while active", got)
	}

	f.cms.set(StateNormal)
	f.pool.Refresh(ctx)
	if _, err := f.pool.Connect("c3", nil); !errors.Is(err, ErrNoActiveServer) {
		t.Fatalf("a pool without active servers: %v", err)
	}
}

// TestFailedServerRefusesClients: Fail takes an active server down until
// Recover; Connect moves to the others.
func TestFailedServerRefusesClients(t *testing.T) {
	f := newFixture(t, newFakeClock())
	pc1 := f.pool.Server("pc1.lab.local")
	pc1.Fail()
	if _, err := pc1.Connect("c"); !errors.Is(err, ErrServerDown) {
		t.Fatalf("a failed server took a client: %v", err)
	}
	for i := 0; i < 8; i++ {
		if s, err := f.pool.Connect("c", nil); err != nil || s.Server() == pc1 {
			t.Fatalf("Connect gave %v, %v", s, err)
		}
	}
	pc1.Recover()
	if _, err := pc1.Connect("c"); err != nil {
		t.Fatalf("a recovered active server refused a client: %v", err)
	}
}

// TestPoolFollowsFailover: the servers re-read the CMS on their own clock;
// after Normal → FailedOver with DC2's servers active, posts go to the
// backup store through its mirror as partner, and ReadBack reads there.
func TestPoolFollowsFailover(t *testing.T) {
	clock := newFakeClock()
	f := newFixture(t, clock)
	f.pool.Start(ctx)
	primary, backup := f.store("dc1-sql1"), f.store("dc2-sql1")
	s, err := f.pool.Connect("c1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Post(ctx, msg(1)); err != nil {
		t.Fatal(err)
	}

	dc2 := []string{"pc5.lab.local", "pc6.lab.local", "pc7.lab.local", "pc8.lab.local"}
	f.cms.set(StateFailedOver, dc2...)
	eventually(t, "every server to follow the CMS", func() bool {
		clock.Advance(DefaultRefresh)
		for _, srv := range f.pool.Servers() {
			st := srv.Status()
			if st.PoolState != StateFailedOver || st.Active != slices.Contains(dc2, st.FQDN) {
				return false
			}
		}
		return true
	})
	if err := s.Post(ctx, msg(2)); !errors.Is(err, ErrInactive) {
		t.Fatalf("a DC1 server still serves after the failover: %v", err)
	}
	s, err = f.pool.Connect("c1", s.Server())
	if err != nil || !slices.Contains(dc2, s.Server().FQDN()) {
		t.Fatalf("re-attach after the failover: %v, %v", s, err)
	}
	if err := s.Post(ctx, msg(3)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(primary.ids(), []int64{1}) || !slices.Equal(backup.ids(), []int64{3}) {
		t.Fatalf("primary holds %v, backup %v; want [1] and [3]", primary.ids(), backup.ids())
	}
	if got := s.Server().Status().Target; got != labTargets.FailedOver {
		t.Fatalf("server target %v, want %v", got, labTargets.FailedOver)
	}
	backup.mu.Lock()
	opens := slices.Clone(backup.opens)
	backup.mu.Unlock()
	if len(opens) == 0 || opens[0] != labTargets.FailedOver {
		t.Fatalf("backup opened as %v, want the backup with its mirror as partner", opens)
	}
	ids, target, err := f.pool.ReadBack(ctx, []int{2}, 0, 10)
	if err != nil || target != labTargets.FailedOver || !slices.Equal(ids, []int64{3}) {
		t.Fatalf("ReadBack: %v from %v, %v", ids, target, err)
	}
}

// TestActiveServersPing: every active server writes its row at start and
// again each ping interval; inactive servers never ping.
func TestActiveServersPing(t *testing.T) {
	clock := newFakeClock()
	f := newFixture(t, clock)
	start := clock.Now()
	f.pool.Start(ctx)
	primary := f.store("dc1-sql1")
	eventually(t, "the first pings", func() bool {
		for id := 1; id <= 4; id++ {
			if at, ok := primary.ping(id); !ok || !at.Equal(start) {
				return false
			}
		}
		return true
	})
	eventually(t, "the next pings", func() bool {
		clock.Advance(DefaultPingInterval / 4)
		at, ok := primary.ping(1)
		return ok && at.After(start)
	})
	for id := 5; id <= 8; id++ {
		if at, ok := primary.ping(id); ok {
			t.Fatalf("inactive server %d pinged at %v", id, at)
		}
	}
	if st := f.pool.Server("pc1.lab.local").Status(); st.LastPing.IsZero() || st.PingError != "" {
		t.Fatalf("pc1 status %+v", st)
	}
}

// TestAckOnlyAfterCommit: Post returns only once the database committed,
// and a post the database fails is an error (never an ack).
func TestAckOnlyAfterCommit(t *testing.T) {
	f := newFixture(t, nil)
	db := f.store("dc1-sql1")
	gate := make(chan struct{})
	db.gate = gate
	s, err := f.pool.Connect("c1", nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Post(ctx, msg(1)) }()
	select {
	case err := <-done:
		t.Fatalf("Post returned %v before the commit", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(gate)
	if err := <-done; err != nil || !slices.Equal(db.ids(), []int64{1}) {
		t.Fatalf("after the commit: %v, stored %v", err, db.ids())
	}

	db.setFail(errors.New("connection reset by peer"))
	if err := s.Post(ctx, msg(2)); err == nil || !strings.Contains(err.Error(), "dc1-sql1") {
		t.Fatalf("a failed commit was acknowledged: %v", err)
	}
	db.setFail(nil)
	if err := s.Post(ctx, msg(3)); err != nil {
		t.Fatalf("no reconnect after a failure: %v", err)
	}
	db.mu.Lock()
	opens := len(db.opens)
	db.mu.Unlock()
	if opens != 2 {
		t.Fatalf("the store was opened %d times, want 2 (a reconnect after the failure)", opens)
	}
}

// TestPostTimeout: a database that never answers fails the post within
// the pool's post timeout.
func TestPostTimeout(t *testing.T) {
	f := newFixture(t, nil)
	f.store("dc1-sql1").gate = make(chan struct{})
	s, _ := f.pool.Connect("c1", nil)
	start := time.Now()
	err := s.Post(ctx, msg(1))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("post to a hung database: %v after %v", err, time.Since(start))
	}
}
