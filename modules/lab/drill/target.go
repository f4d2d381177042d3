package drill

import (
	"fmt"
	"time"
)

// Target is what a scenario promises: the RTO and the RPO (in acknowledged
// messages) it must stay within, and why. A zero Target promises nothing.
type Target struct {
	RTO         time.Duration `json:"rto"`
	HasRTO      bool          `json:"hasRto"`
	RPOMessages int           `json:"rpoMessages"`
	HasRPO      bool          `json:"hasRpo"`
	Basis       string        `json:"basis,omitempty"` // e.g. "partner TIMEOUT 5 s + 2 s"
}

// Documented is the nearest figure the Lync documentation gives
// (lync-pchat-hadr.md §1). It documents none for Persistent Chat itself.
type Documented struct {
	Name string        `json:"name"`
	RTO  time.Duration `json:"rto"`
	RPO  time.Duration `json:"rpo"`
}

// DocumentedKind names a documented figure, for Set-PcDrillTarget
// -Documented.
type DocumentedKind string

// Values lists the documented figures a scenario can be compared with.
func (DocumentedKind) Values() []string { return []string{"BackEndMirroring", "PoolFailover", "None"} }

// documentedFigures are lync-pchat-hadr.md §1's targets: Back End
// mirroring RTO and RPO 5 minutes; Front End pool failover 30 minutes.
var documentedFigures = map[DocumentedKind]Documented{
	"BackEndMirroring": {Name: "Back End mirroring", RTO: 5 * time.Minute, RPO: 5 * time.Minute},
	"PoolFailover":     {Name: "Front End pool failover", RTO: 30 * time.Minute, RPO: 30 * time.Minute},
}

// String is the figure as the report prints it.
func (d Documented) String() string {
	if d.Name == "" {
		return "none documented"
	}
	return fmt.Sprintf("%s: RTO %s, RPO %s", d.Name, minutes(d.RTO), minutes(d.RPO))
}

// Verdict compares a measurement with the target: Met, Missed, or
// NoTarget when the scenario promises nothing.
func (t Target) Verdict(rto time.Duration, recovered bool, lost int) string {
	if !t.HasRTO && !t.HasRPO {
		return "NoTarget"
	}
	if t.HasRTO && (!recovered || rto > t.RTO) || t.HasRPO && lost > t.RPOMessages {
		return "Missed"
	}
	return "Met"
}

// RTOText is the RTO target as the table prints it.
func (t Target) RTOText() string {
	if !t.HasRTO {
		return "-"
	}
	return "≤ " + seconds(t.RTO)
}

// RPOText is the RPO target as the table prints it.
func (t Target) RPOText() string {
	if !t.HasRPO {
		return "-"
	}
	return fmt.Sprintf("≤ %d msg", t.RPOMessages)
}

// seconds prints a duration in seconds with millisecond precision.
func seconds(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

// minutes prints a documented figure.
func minutes(d time.Duration) string { return fmt.Sprintf("%g min", d.Minutes()) }
