package drill

import "time"

// Report is a whole drill: every scenario's result, and where the HTML
// report was written.
type Report struct {
	Started   time.Time         `json:"started"`
	Duration  time.Duration     `json:"duration"`
	Scenarios []*ScenarioResult `json:"scenarios"`
	HTML      string            `json:"html,omitempty"`
}

// Summaries returns the table rows: each scenario's figures beside its
// target and the documented figure.
func (r *Report) Summaries() []Summary {
	out := make([]Summary, len(r.Scenarios))
	for i, s := range r.Scenarios {
		out[i] = s.Summarize()
	}
	return out
}

// StepRows returns every runbook step of every scenario, in order.
func (r *Report) StepRows() []StepRow {
	var out []StepRow
	for _, s := range r.Scenarios {
		for _, e := range s.Steps() {
			out = append(out, StepRow{Scenario: s.Scenario, Step: e.Name, Outcome: e.Outcome, Duration: e.Duration})
		}
	}
	return out
}
