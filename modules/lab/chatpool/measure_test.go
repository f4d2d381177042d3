package chatpool

import (
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2014, 6, 1, 12, 0, 0, 0, time.UTC)

// ackedRecord is a run of ten posts, ids 100-109, one every 500 ms, each
// acknowledged 10 ms after it was sent.
func ackedRecord() *Record {
	r := &Record{Start: t0, End: t0.Add(5 * time.Second), Rooms: []int{2}, FirstID: 100, NextID: 110}
	for i := 0; i < 10; i++ {
		sent := t0.Add(time.Duration(i) * 500 * time.Millisecond)
		r.Acks = append(r.Acks, Ack{ID: int64(100 + i), Room: 2, Client: 1, Server: "pc1", Sent: sent, Acked: sent.Add(10 * time.Millisecond)})
	}
	return r
}

func ids(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// TestMeasureNoFault: every acknowledged message present and no fault
// is RTO 0 and RPO 0.
func TestMeasureNoFault(t *testing.T) {
	m := Measure(ackedRecord(), ids(100, 109), time.Time{})
	if m.Lost != 0 || m.LostWindow != 0 || len(m.LostIDs) != 0 || m.RTO != 0 || !m.Recovered || m.Present != 10 || m.Acknowledged != 10 {
		t.Fatalf("no fault: %+v", m)
	}
	if m.LongestGap != 500*time.Millisecond {
		t.Fatalf("longest gap %v, want 500ms", m.LongestGap)
	}
}

// TestMeasureKnownLoss: the lost tail (ids 106-109) is reported exactly,
// with the window of its acknowledgements; ids outside the run and
// unacknowledged ones present are told apart.
func TestMeasureKnownLoss(t *testing.T) {
	r := ackedRecord()
	r.NextID = 112 // 110 and 111 were tried and failed
	r.Failures = []Failure{{At: t0.Add(5 * time.Second), Kind: FailPost, ID: 110}, {At: t0.Add(5 * time.Second), Kind: FailPost, ID: 111}}
	present := append(ids(100, 105), 110, 99, 5000) // 110 committed though its answer was lost
	m := Measure(r, present, time.Time{})
	if m.Lost != 4 || !slices.Equal(m.LostIDs, []int64{106, 107, 108, 109}) {
		t.Fatalf("lost %d %v, want 106-109", m.Lost, m.LostIDs)
	}
	if !m.LostFirst.Equal(t0.Add(3010*time.Millisecond)) || !m.LostLast.Equal(t0.Add(4510*time.Millisecond)) || m.LostWindow != 1500*time.Millisecond {
		t.Fatalf("loss window %v to %v (%v)", m.LostFirst, m.LostLast, m.LostWindow)
	}
	if m.Present != 7 || m.Unacknowledged != 1 || m.Failed != 2 {
		t.Fatalf("present %d, unacknowledged %d, failed %d", m.Present, m.Unacknowledged, m.Failed)
	}
	lostPerSecond := []int{0, 0, 0, 2, 2, 0}
	for i, b := range m.Timeline {
		if b.Lost != lostPerSecond[i] {
			t.Fatalf("timeline %d: %+v, want %d lost", i, b, lostPerSecond[i])
		}
	}
}

// TestMeasureOutage: posts failing for two seconds after the fault; the
// RTO runs from the fault to the ack of the first post attempted after
// it, not to a post already in flight.
func TestMeasureOutage(t *testing.T) {
	r := &Record{Start: t0, End: t0.Add(6 * time.Second), FirstID: 1, NextID: 6}
	fault := t0.Add(time.Second)
	add := func(id int64, sent, acked time.Duration) {
		r.Acks = append(r.Acks, Ack{ID: id, Sent: t0.Add(sent), Acked: t0.Add(acked)})
	}
	add(1, 0, 100*time.Millisecond)
	add(2, 900*time.Millisecond, 1200*time.Millisecond) // in flight at the fault
	for s := 1200 * time.Millisecond; s < 3*time.Second; s += 200 * time.Millisecond {
		r.Failures = append(r.Failures, Failure{At: t0.Add(s), Kind: FailPost})
	}
	add(3, 3*time.Second, 3500*time.Millisecond)
	add(4, 4*time.Second, 4100*time.Millisecond)
	m := Measure(r, ids(1, 4), fault)
	if m.RTO != 2500*time.Millisecond || !m.Recovered || !m.FirstAckAfterFault.Equal(t0.Add(3500*time.Millisecond)) {
		t.Fatalf("RTO %v (recovered %v, first ack %v), want 2.5s", m.RTO, m.Recovered, m.FirstAckAfterFault)
	}
	if m.LongestGap != 2300*time.Millisecond || !m.GapStart.Equal(t0.Add(1200*time.Millisecond)) {
		t.Fatalf("longest gap %v from %v", m.LongestGap, m.GapStart)
	}
	want := []Bucket{{Acks: 1}, {Acks: 1, Failures: 4}, {Failures: 5}, {Acks: 1}, {Acks: 1}, {}, {}}
	if len(m.Timeline) != len(want) {
		t.Fatalf("timeline has %d buckets, want %d", len(m.Timeline), len(want))
	}
	for i, b := range m.Timeline {
		if b.Acks != want[i].Acks || b.Failures != want[i].Failures || !b.At.Equal(t0.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("bucket %d: %+v, want %+v", i, b, want[i])
		}
	}

	r.Acks = r.Acks[:2]
	if m := Measure(r, ids(1, 2), fault); m.Recovered || m.RTO != 5*time.Second {
		t.Fatalf("never recovered: RTO %v, recovered %v", m.RTO, m.Recovered)
	}
}

// TestMeasureLostAckIsNotRecovery: a post sent after the fault that the
// dying principal acknowledged and then lost is not the recovery; the
// RTO runs to the first post after the fault that was kept.
func TestMeasureLostAckIsNotRecovery(t *testing.T) {
	// the fault at 2.6 s: post 106 (sent at 3 s) is acknowledged but lost
	// with the principal; 107-109 reach the new principal
	m := Measure(ackedRecord(), append(ids(100, 105), 107, 108, 109), t0.Add(2600*time.Millisecond))
	if m.Lost != 1 || m.LostIDs[0] != 106 {
		t.Fatalf("lost %v, want 106", m.LostIDs)
	}
	if !m.FirstAckAfterFault.Equal(t0.Add(3510*time.Millisecond)) || m.RTO != 910*time.Millisecond {
		t.Fatalf("recovery at %v (RTO %v), want post 107's acknowledgement at 3.51 s (RTO 910ms)", m.FirstAckAfterFault, m.RTO)
	}
}
