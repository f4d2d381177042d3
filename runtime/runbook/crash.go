package runbook

import (
	"fmt"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

// CrashVariable names the environment variable that rehearses a crash in
// the middle of a runbook: RUNBOOK:STEP (for example
// Invoke-PcPersistentChatFailback:5) kills pcsh right after that step's
// action succeeded, before its verification and outcome reach the
// journal, as a power cut or kill -9 would. The next run resumes there.
const CrashVariable = "PCSH_RUNBOOK_CRASH_AFTER"

// CrashPoint is where a rehearsal kills the process: after the action of
// step Step (counted from 1) of the runbook named Runbook.
type CrashPoint struct {
	Runbook string
	Step    int
}

// ParseCrashPoint reads RUNBOOK:STEP; an empty value is no crash point.
func ParseCrashPoint(v string) (*CrashPoint, error) {
	if v == "" {
		return nil, nil
	}
	name, step, ok := strings.Cut(v, ":")
	n, err := strconv.Atoi(step)
	if !ok || name == "" || err != nil || n < 1 {
		return nil, &cmdlet.ErrorRecord{Message: fmt.Sprintf("%s=%q is not RUNBOOK:STEP.", CrashVariable, v),
			ErrorID: "RunbookCrashPointInvalid", Category: cmdlet.CategoryInvalidArgument,
			Hint: "name the runbook and a step number from 1, for example Invoke-PcPersistentChatFailover:3, or unset it"}
	}
	return &CrashPoint{Runbook: name, Step: n}, nil
}

// at reports whether the crash point is step i (from 0) of rb.
func (c *CrashPoint) at(rb *Runbook, i int) bool {
	return c != nil && strings.EqualFold(c.Runbook, rb.Name) && c.Step == i+1
}

// crash kills the process at the crash point after a warning naming it.
func (x *run) crash(i int) {
	if !x.r.CrashAt.at(x.rb, i) {
		return
	}
	x.r.Host.Write(cmdlet.StreamWarning, fmt.Sprintf("%s: killing pcsh after the action of step %s, before it is verified or journaled.",
		CrashVariable, x.ref(i)))
	x.r.Kill()
}
