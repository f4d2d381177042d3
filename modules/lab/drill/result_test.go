package drill

import (
	"testing"
	"time"

	"pcsh/modules/lab/chatpool"
)

// TestVerdictSeesALateOutage: a fault whose outage starts after the first
// post following it (a partition) misses a 2 s target on its 3 s gap,
// though its RTO from the fault is 20 ms.
func TestVerdictSeesALateOutage(t *testing.T) {
	t0 := time.Now()
	r := &ScenarioResult{Scenario: "partition", Outcome: OutcomeDone, Target: Target{RTO: 2 * time.Second, HasRTO: true},
		Measurement: &chatpool.Measurement{Fault: t0, RTO: 20 * time.Millisecond, Recovered: true,
			LongestGap: 3 * time.Second, GapStart: t0.Add(time.Second), GapEnd: t0.Add(4 * time.Second)}}
	if v := r.Summarize().Verdict; v != "Missed" {
		t.Errorf("verdict %s, want Missed for a 3 s outage against 2 s", v)
	}
	r.Measurement.GapEnd, r.Measurement.GapStart = t0.Add(-time.Second), t0.Add(-4*time.Second)
	if v := r.Summarize().Verdict; v != "Met" {
		t.Errorf("verdict %s, want Met when the longest gap ended before the fault", v)
	}
}
