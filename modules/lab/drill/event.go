package drill

import "time"

// EventKind tells what an Event marks on a scenario's timeline.
type EventKind string

// The kinds of events.
const (
	KindFault    EventKind = "Fault"    // the fault the RTO is measured from
	KindStep     EventKind = "Step"     // one runbook step, with its duration
	KindRecovery EventKind = "Recovery" // the first acknowledged post after the fault
	KindNote     EventKind = "Note"     // anything else the scenario marks
)

// Values lists the kinds a scenario may add, for -Kind's ValidateSet.
func (EventKind) Values() []string {
	return []string{string(KindFault), string(KindStep), string(KindRecovery), string(KindNote)}
}

// Event is one mark on a scenario's timeline.
type Event struct {
	Kind     EventKind     `json:"kind"`
	Name     string        `json:"name"`
	At       time.Time     `json:"at"`
	Duration time.Duration `json:"duration"`          // a step's duration; 0 for a point in time
	Outcome  string        `json:"outcome,omitempty"` // a step's outcome (Done, AlreadyDone, Failed, NotRun)
	Detail   string        `json:"detail,omitempty"`
}

// End is when the event ended: At for a point in time.
func (e Event) End() time.Time { return e.At.Add(e.Duration) }
