package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Outcome is what a run's output says about it: the worst Verdict its
// objects carry, and the runbook steps they report.
type Outcome struct {
	Verdict string
	Steps   []StepOutcome
}

// StepOutcome is one runbook step a run reported (objects with Step and
// Outcome, as rb:run() writes them).
type StepOutcome struct {
	Step    string `json:"step"`
	Outcome string `json:"outcome"`
}

// verdictRank orders verdicts from the health check (Healthy, Warning,
// Critical, Unknown), Test-PcResource (Pass, Warning, Fail, Skipped) and
// Get-PcLogShippingStatus (Healthy, Standby, Warning, Critical); the
// worst is the run's. Any other value ranks with the good ones.
var verdictRank = map[string]int{"warning": 1, "unknown": 2, "fail": 3, "failed": 3, "critical": 3}

// ReadOutcome reads a run's JSON output (an array of objects, or a
// stream of values); output that is not JSON says nothing.
func ReadOutcome(out []byte) Outcome {
	var o Outcome
	best := -1
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			if !errors.Is(err, io.EOF) {
				return Outcome{}
			}
			return o
		}
		for _, obj := range objects(v) {
			if s, ok := obj["Verdict"].(string); ok && s != "" && verdictRank[strings.ToLower(s)] > best {
				o.Verdict, best = s, verdictRank[strings.ToLower(s)]
			}
			step, ok1 := obj["Step"].(string)
			outcome, ok2 := obj["Outcome"].(string)
			if ok1 && ok2 {
				o.Steps = append(o.Steps, StepOutcome{Step: step, Outcome: outcome})
			}
		}
	}
}

func objects(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, e := range t {
			out = append(out, objects(e)...)
		}
		return out
	}
	return nil
}

// ExitVerdict names a run's exit code when its output carries no
// verdict: OK for 0, else the name pcsh help gives the code.
func ExitVerdict(code int) string {
	for _, e := range cmdlet.ExitCodes() {
		if int(e.Code) == code {
			return e.Name
		}
	}
	return "Failed"
}
