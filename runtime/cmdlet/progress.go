package cmdlet

import "fmt"

// Progress is one report of a long operation's progress, as
// Write-Progress makes it: the activity and how much of it is done.
type Progress struct {
	Activity string
	Percent  int // 0 to 100
}

// String renders the report as a plain line: "activity: N% complete".
func (p Progress) String() string {
	return fmt.Sprintf("%s: %d%% complete", p.Activity, p.Percent)
}

// Done reports whether the activity has finished (100 percent or more).
func (p Progress) Done() bool { return p.Percent >= 100 }
