package runbook

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"pcsh/runtime/cmdlet"
)

// FaultVariable names the environment variable that rehearses a fault in
// the middle of a runbook: "RUNBOOK:STEP ARGS..." (for example
// "Invoke-PcPersistentChatFailback:2 lab fault kill dc2-sql1 --dir .lab")
// runs pcsh with ARGS right before step STEP of that runbook, after its
// preconditions held and its plan was printed, so the step itself meets
// the fault, as it would if an instance died while the runbook ran.
const FaultVariable = "PCSH_RUNBOOK_FAULT_BEFORE"

// FaultPoint is a rehearsed fault: pcsh run with Args before step Step
// (counted from 1) of the runbook named Runbook.
type FaultPoint struct {
	CrashPoint
	Args []string
}

// ParseFaultPoint reads "RUNBOOK:STEP ARGS..."; an empty value is no
// fault point.
func ParseFaultPoint(v string) (*FaultPoint, error) {
	f := strings.Fields(v)
	if len(f) == 0 {
		return nil, nil
	}
	at, err := ParseCrashPoint(f[0])
	if err != nil || len(f) < 2 {
		return nil, &cmdlet.ErrorRecord{Message: fmt.Sprintf("%s=%q is not RUNBOOK:STEP followed by pcsh's arguments.", FaultVariable, v),
			ErrorID: "RunbookFaultPointInvalid", Category: cmdlet.CategoryInvalidArgument,
			Hint: "for example Invoke-PcPersistentChatFailback:2 lab fault kill dc2-sql1 --dir .lab, or unset it"}
	}
	return &FaultPoint{CrashPoint: *at, Args: f[1:]}, nil
}

// runPcsh runs this pcsh executable with args and returns its output.
func runPcsh(ctx context.Context, args []string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	out, err := exec.CommandContext(ctx, exe, args...).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// fault runs the rehearsed fault when step i is its point and reports
// whether it ran: the plan's answer for the step is then stale. A fault
// that cannot be applied stops the run before the step: the rehearsal
// did not happen, so the step's outcome would say nothing.
func (x *run) fault(ctx context.Context, i int) (bool, *cmdlet.ErrorRecord) {
	f := x.r.FaultAt
	if f == nil || !f.at(x.rb, i) {
		return false, nil
	}
	line := "pcsh " + strings.Join(f.Args, " ")
	out, err := x.r.Rehearse(ctx, f.Args)
	if err != nil {
		return false, &cmdlet.ErrorRecord{Message: fmt.Sprintf("%s: %s before step %s failed: %v: %s", FaultVariable, line, x.ref(i), err, out),
			ErrorID: "RunbookFaultFailed", Category: cmdlet.CategoryInvalidOperation, Target: x.rb.title(), Err: err,
			Hint: "fix the arguments of " + FaultVariable + " or unset it"}
	}
	x.r.Host.Write(cmdlet.StreamWarning, fmt.Sprintf("%s: before step %s: %s: %s", FaultVariable, x.ref(i), line, out))
	return true, nil
}
