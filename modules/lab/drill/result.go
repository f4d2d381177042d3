package drill

import (
	"time"

	"pcsh/modules/lab/chatpool"
)

// ScenarioResult is everything one scenario measured.
type ScenarioResult struct {
	Scenario    string                `json:"scenario"`
	Description string                `json:"description,omitempty"`
	Outcome     string                `json:"outcome"` // Done or Failed
	Error       string                `json:"error,omitempty"`
	Measurement *chatpool.Measurement `json:"measurement,omitempty"`
	Target      Target                `json:"target"`
	Documented  Documented            `json:"documented"`
	Events      []Event               `json:"events"`
}

// Steps returns the scenario's runbook steps in order.
func (r *ScenarioResult) Steps() []Event {
	var out []Event
	for _, e := range r.Events {
		if e.Kind == KindStep {
			out = append(out, e)
		}
	}
	return out
}

// Fault returns the first fault event's time; zero when there is none.
func (r *ScenarioResult) Fault() time.Time {
	for _, e := range r.Events {
		if e.Kind == KindFault {
			return e.At
		}
	}
	return time.Time{}
}

// Summary is one row of the report's table: a scenario's figures beside
// its target and the nearest documented figure.
type Summary struct {
	Scenario   string
	RTO        string
	RTOTarget  string
	RPO        string // acknowledged messages lost
	LostWindow string
	RPOTarget  string
	LongestGap string // the longest time between acknowledged posts: the outage the clients saw
	Verdict    string
	Documented string
}

// DefaultView shows every column as a table.
func (Summary) DefaultView() []string {
	return []string{"Scenario", "RTO", "RTOTarget", "RPO", "LostWindow", "RPOTarget", "LongestGap", "Verdict", "Documented"}
}

// Summarize builds the table row of a result.
func (r *ScenarioResult) Summarize() Summary {
	s := Summary{Scenario: r.Scenario, RTOTarget: r.Target.RTOText(), RPOTarget: r.Target.RPOText(),
		Documented: r.Documented.String(), RTO: "-", RPO: "-", LostWindow: "-", LongestGap: "-", Verdict: r.Outcome}
	m := r.Measurement
	if m == nil {
		return s
	}
	s.RTO = seconds(m.RTO)
	if !m.Recovered {
		s.RTO = "not recovered (" + seconds(m.RTO) + ")"
	}
	s.RPO = itoa(m.Lost) + " msg"
	s.LostWindow = seconds(m.LostWindow)
	s.LongestGap = seconds(m.LongestGap)
	if r.Outcome == OutcomeDone {
		s.Verdict = r.Target.Verdict(max(m.RTO, outageAfter(m)), m.Recovered, m.Lost)
	}
	return s
}

// StepRow is one runbook step of the report's second table.
type StepRow struct {
	Scenario string
	Step     string
	Outcome  string
	Duration time.Duration
}

// DefaultView shows every column as a table.
func (StepRow) DefaultView() []string { return []string{"Scenario", "Step", "Outcome", "Duration"} }

// The outcomes of a scenario.
const (
	OutcomeDone   = "Done"
	OutcomeFailed = "Failed"
)

// outageAfter is the longest gap between acknowledged posts when it ends
// after the fault: the outage a fault causes some time after it is
// injected (a partition whose connections time out, a failback that
// clears the active servers first), which the RTO from the fault to the
// first acknowledged post attempted after it does not see. The verdict
// takes the larger of the two.
func outageAfter(m *chatpool.Measurement) time.Duration {
	if m.Fault.IsZero() || !m.GapEnd.After(m.Fault) {
		return 0
	}
	return m.LongestGap
}
