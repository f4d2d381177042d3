package chatpool

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// runTraffic runs traffic on f's pool for d and returns its record.
func runTraffic(t *testing.T, f *fixture, cfg TrafficConfig, d time.Duration, during func(tr *Traffic)) *Record {
	t.Helper()
	f.pool.Start(ctx)
	tr, err := StartTraffic(ctx, f.pool, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if during != nil {
		during(tr)
	}
	time.Sleep(d)
	return tr.Stop()
}

// TestTrafficAcknowledgesWhatIsStored: N clients over M rooms at a rate;
// every acknowledged message is in the store, the store holds nothing
// else, the rooms exist, and the measurement says nothing was lost.
func TestTrafficAcknowledgesWhatIsStored(t *testing.T) {
	f := newFixture(t, nil)
	rooms := Rooms(3)
	rec := runTraffic(t, f, TrafficConfig{Clients: 4, Rooms: rooms, Rate: 200}, 300*time.Millisecond, nil)
	db := f.store("dc1-sql1")
	if len(rec.Acks) < 20 || len(rec.Failures) != 0 {
		t.Fatalf("%d acks, %d failures (%v)", len(rec.Acks), len(rec.Failures), rec.Failures)
	}
	var acked []int64
	perRoom := map[int]int{}
	for _, a := range rec.Acks {
		acked = append(acked, a.ID)
		perRoom[a.Room]++
		if a.Acked.Before(a.Sent) || !strings.HasPrefix(a.Server, "pc") {
			t.Fatalf("bad ack %+v", a)
		}
	}
	slices.Sort(acked)
	if !slices.Equal(acked, db.ids()) {
		t.Fatalf("acknowledged %v, stored %v", acked, db.ids())
	}
	for _, r := range rooms {
		if perRoom[r] == 0 || !db.rooms[r] {
			t.Fatalf("room %d: %d posts, created %v", r, perRoom[r], db.rooms[r])
		}
	}
	got, _, err := f.pool.ReadBack(ctx, rooms, rec.FirstID, rec.LastID())
	if err != nil {
		t.Fatal(err)
	}
	if m := Measure(rec, got, time.Time{}); m.Lost != 0 || m.RTO != 0 || m.Present != len(rec.Acks) {
		t.Fatalf("measurement %+v", m)
	}
}

// TestTrafficReattaches: clients whose server fails record the failure
// and move to the remaining active server.
func TestTrafficReattaches(t *testing.T) {
	f := newFixture(t, nil)
	var cut time.Time
	rec := runTraffic(t, f, TrafficConfig{Clients: 4, Rate: 200}, 300*time.Millisecond, func(tr *Traffic) {
		time.Sleep(100 * time.Millisecond)
		for _, s := range []string{"pc1.lab.local", "pc2.lab.local", "pc3.lab.local"} {
			f.pool.Server(s).Fail()
		}
		cut = time.Now()
	})
	var before, after int
	for _, a := range rec.Acks {
		switch {
		case a.Sent.After(cut) && a.Server != "pc4.lab.local":
			t.Fatalf("a post after the failure was served by %s", a.Server)
		case a.Sent.After(cut):
			after++
		default:
			before++
		}
	}
	if before == 0 || after < 10 {
		t.Fatalf("%d acks before the failure, %d after", before, after)
	}
	for _, f := range rec.Failures {
		if f.Kind != FailPost || !strings.Contains(f.Error, ErrServerDown.Error()) || f.Server == "pc4.lab.local" {
			t.Fatalf("unexpected failure %+v", f)
		}
	}
}

// TestTrafficKnownLoss: the store fails posts for a while and later loses
// five acknowledged messages; the failures are recorded, never acked, and
// the five are reported exactly.
func TestTrafficKnownLoss(t *testing.T) {
	f := newFixture(t, nil)
	db := f.store("dc1-sql1")
	var fault time.Time
	rec := runTraffic(t, f, TrafficConfig{Clients: 3, Rate: 200}, 250*time.Millisecond, func(tr *Traffic) {
		time.Sleep(80 * time.Millisecond)
		db.setFail(errors.New("database is down"))
		fault = time.Now()
		time.Sleep(80 * time.Millisecond)
		db.setFail(nil)
	})
	if len(rec.Failures) == 0 {
		t.Fatal("no failed attempt recorded while the store was down")
	}
	for _, fl := range rec.Failures {
		if slices.Contains(db.ids(), fl.ID) {
			t.Fatalf("failed attempt %+v is stored", fl)
		}
	}
	var gone []int64
	db.mu.Lock()
	for _, a := range rec.Acks[len(rec.Acks)-5:] {
		delete(db.messages, a.ID)
		gone = append(gone, a.ID)
	}
	db.mu.Unlock()
	slices.Sort(gone)
	got, _, err := f.pool.ReadBack(ctx, rec.Rooms, rec.FirstID, rec.LastID())
	if err != nil {
		t.Fatal(err)
	}
	m := Measure(rec, got, fault)
	if m.Lost != 5 || !slices.Equal(m.LostIDs, gone) || m.Failed != len(rec.Failures) {
		t.Fatalf("lost %v, want %v", m.LostIDs, gone)
	}
	if !m.Recovered || m.RTO < 50*time.Millisecond || m.RTO > time.Second {
		t.Fatalf("RTO %v (recovered %v), want about the 80ms outage", m.RTO, m.Recovered)
	}
}
