package runbook

import (
	"fmt"
	"time"
)

// Prior is what the journal says about the last run.
type Prior struct {
	Run   int
	Began time.Time
	// Outcome is Done for a completed run, Failed or Interrupted for one
	// that stopped, empty for one that never ended (its process died).
	Outcome Outcome
	// Stopped is where an unfinished run stopped: the failed or
	// interrupted step's entry, or the begin entry of a step that has no
	// outcome; nil when it stopped between steps.
	Stopped *Entry
	// Steps holds the last outcome entry of each step, by name.
	Steps map[string]Entry
}

// lastRun summarises the last run in the entries; nil when there is none.
func lastRun(entries []Entry) *Prior {
	var p *Prior
	for _, e := range entries {
		if e.Event == EventStart {
			p = &Prior{Run: e.Run, Began: e.Time, Steps: map[string]Entry{}}
		}
		if p == nil || e.Run != p.Run {
			continue
		}
		p.note(e)
	}
	return p
}

func (p *Prior) note(e Entry) {
	switch e.Event {
	case EventResume:
		p.Outcome, p.Stopped = "", nil
	case EventBegin:
		p.Stopped = &e
	case EventStep:
		p.Steps[e.Step] = e
		p.Stopped = nil
		if e.Outcome == Failed || e.Outcome == Interrupted {
			p.Stopped = &e
		}
	case EventEnd:
		p.Outcome = e.Outcome
	}
}

// unfinished reports whether the next run continues this one.
func (p *Prior) unfinished() bool { return p != nil && p.Outcome != Done }

// next is the number of the run that follows the journal: the unfinished
// run itself, or a new one.
func (p *Prior) next() (run int, resume bool) {
	switch {
	case p == nil:
		return 1, false
	case p.unfinished():
		return p.Run, true
	}
	return p.Run + 1, false
}

// Summary is the sentence that says where an unfinished run stopped.
func (p *Prior) Summary() string {
	began := p.Began.Format("2006-01-02 15:04:05")
	s := p.Stopped
	switch {
	case s == nil:
		return fmt.Sprintf("Resuming run %d, begun %s: it stopped between steps.", p.Run, began)
	case s.Event == EventBegin:
		return fmt.Sprintf("Resuming run %d, begun %s: it stopped during step %d %q, which recorded no outcome (its process ended).", p.Run, began, s.Index, s.Step)
	}
	if s.Error != nil {
		return fmt.Sprintf("Resuming run %d, begun %s: %s", p.Run, began, s.Error.Message)
	}
	return fmt.Sprintf("Resuming run %d, begun %s: it stopped at step %d %q (%s: %s).", p.Run, began, s.Index, s.Step, s.Outcome, s.Detail)
}
