package chatpool

import (
	"slices"
	"time"
)

// Measurement is what a drill reports for one traffic run: the RPO (the
// acknowledged messages the database no longer holds) and the RTO (how
// long the clients could not post), with a per-second timeline.
type Measurement struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`

	Acknowledged int `json:"acknowledged"`
	Failed       int `json:"failed"`  // failed attempts, connects included
	Skipped      int `json:"skipped"` // posts due while every client was busy

	// RPO: the acknowledged messages missing from the database read
	// back, and the window of their acknowledgements.
	Present        int           `json:"present"` // the run's messages the database holds
	Lost           int           `json:"lost"`
	LostIDs        []int64       `json:"lostIds"`
	LostFirst      time.Time     `json:"lostFirst"` // the first missing message's ack time
	LostLast       time.Time     `json:"lostLast"`  // the last missing message's ack time
	LostWindow     time.Duration `json:"lostWindow"`
	Unacknowledged int           `json:"unacknowledged"` // held but never acknowledged (the commit's answer was lost)

	// RTO: from Fault to the acknowledgement of the first post attempted
	// at or after it. Zero when Fault is zero (no fault). When no post
	// after the fault was acknowledged, Recovered is false and RTO runs
	// to End.
	Fault              time.Time     `json:"fault"`
	RTO                time.Duration `json:"rto"`
	Recovered          bool          `json:"recovered"`
	FirstAckAfterFault time.Time     `json:"firstAckAfterFault"`

	// The longest time between consecutive acknowledgements.
	LongestGap time.Duration `json:"longestGap"`
	GapStart   time.Time     `json:"gapStart"`
	GapEnd     time.Time     `json:"gapEnd"`

	Timeline []Bucket `json:"timeline"`
}

// Bucket is one second of the timeline.
type Bucket struct {
	At       time.Time `json:"at"` // the second's start
	Acks     int       `json:"acks"`
	Failures int       `json:"failures"`
	Lost     int       `json:"lost"` // acknowledged in this second and missing now
}

// Measure compares a traffic record with the message ids read back from
// the database (ids outside the run's range are ignored) and measures
// the outage from fault (zero: no fault).
func Measure(rec *Record, present []int64, fault time.Time) Measurement {
	m := Measurement{Start: rec.Start, End: rec.End, Acknowledged: len(rec.Acks), Failed: len(rec.Failures),
		Skipped: rec.Skipped, Fault: fault, Recovered: true, LostIDs: []int64{}}
	held := map[int64]bool{}
	for _, id := range present {
		if id >= rec.FirstID && id < rec.NextID {
			held[id] = true
		}
	}
	m.Present = len(held)
	acked := map[int64]bool{}
	var lost []Ack
	for _, a := range rec.Acks {
		acked[a.ID] = true
		if !held[a.ID] {
			lost = append(lost, a)
		}
	}
	for id := range held {
		if !acked[id] {
			m.Unacknowledged++
		}
	}
	m.measureLoss(lost)
	m.measureOutage(rec.Acks, held)
	m.Timeline = timeline(rec, lost)
	return m
}

// measureLoss fills the RPO fields from the lost acknowledgements.
func (m *Measurement) measureLoss(lost []Ack) {
	m.Lost = len(lost)
	for i, a := range lost {
		m.LostIDs = append(m.LostIDs, a.ID)
		if i == 0 || a.Acked.Before(m.LostFirst) {
			m.LostFirst = a.Acked
		}
		if a.Acked.After(m.LostLast) {
			m.LostLast = a.Acked
		}
	}
	slices.Sort(m.LostIDs)
	if m.Lost > 0 {
		m.LostWindow = m.LostLast.Sub(m.LostFirst)
	}
}

// measureOutage fills the RTO and the longest gap. The recovery is the
// first post attempted at or after the fault that was acknowledged and
// kept: a post the dying principal acknowledged, then lost with it, is
// not service restored. The gap counts every acknowledgement, as the
// clients saw them.
func (m *Measurement) measureOutage(acks []Ack, held map[int64]bool) {
	times := make([]time.Time, len(acks))
	for i, a := range acks {
		times[i] = a.Acked
		if !m.Fault.IsZero() && !a.Sent.Before(m.Fault) && held[a.ID] &&
			(m.FirstAckAfterFault.IsZero() || a.Acked.Before(m.FirstAckAfterFault)) {
			m.FirstAckAfterFault = a.Acked
		}
	}
	switch {
	case m.Fault.IsZero():
	case m.FirstAckAfterFault.IsZero():
		m.Recovered, m.RTO = false, m.End.Sub(m.Fault)
	default:
		m.RTO = m.FirstAckAfterFault.Sub(m.Fault)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(times); i++ {
		if g := times[i].Sub(times[i-1]); g > m.LongestGap {
			m.LongestGap, m.GapStart, m.GapEnd = g, times[i-1], times[i]
		}
	}
}

// timeline counts acknowledgements, failures and losses per second from
// the record's start to its end.
func timeline(rec *Record, lost []Ack) []Bucket {
	base := rec.Start.Truncate(time.Second)
	n := int(rec.End.Sub(base)/time.Second) + 1
	if rec.End.Before(base) {
		n = 1
	}
	out := make([]Bucket, n)
	for i := range out {
		out[i].At = base.Add(time.Duration(i) * time.Second)
	}
	slot := func(t time.Time) *Bucket {
		i := int(t.Sub(base) / time.Second)
		return &out[max(0, min(i, n-1))]
	}
	for _, a := range rec.Acks {
		slot(a.Acked).Acks++
	}
	for _, f := range rec.Failures {
		slot(f.At).Failures++
	}
	for _, a := range lost {
		slot(a.Acked).Lost++
	}
	return out
}
