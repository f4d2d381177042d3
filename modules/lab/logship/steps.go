package logship

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/disk"
)

// shipper runs the log shipping job steps of one instance.
type shipper struct {
	fs disk.FS // the instance's: configured paths, faults, confinement
}

// cmdExec runs a CmdExec step: the sqllogship.exe command lines the log
// shipping procedures put in their jobs (-Backup, -Copy, -Restore with
// an id and -server). Any other command fails the step.
func (sh *shipper) cmdExec(ctx context.Context, run *agent.StepRun) agent.StepResult {
	mode, id, ok := parseSqllogship(run.Command)
	if !ok {
		return agent.StepResult{Message: "The lab runs only sqllogship.exe commands in CmdExec steps.  Process Exit Code 1."}
	}
	st := agent.Store{Ctx: ctx, Session: run.Session}
	switch mode {
	case "backup":
		return sh.backup(ctx, st, run, id)
	case "copy":
		return sh.copy(ctx, st, run, id)
	}
	return sh.restore(ctx, st, run, id)
}

// parseSqllogship reads "sqllogship.exe -Backup|-Copy|-Restore <id>
// -server <name> …" and returns the mode (lower case) and id.
func parseSqllogship(cmd string) (string, [16]byte, bool) {
	if !strings.Contains(strings.ToLower(cmd), "sqllogship") {
		return "", [16]byte{}, false
	}
	f := strings.Fields(cmd)
	for k := 0; k+1 < len(f); k++ {
		mode := strings.ToLower(strings.TrimLeft(f[k], "-/"))
		if mode != "backup" && mode != "copy" && mode != "restore" {
			continue
		}
		id, err := uuid.Parse(strings.Trim(f[k+1], "{}"))
		return mode, [16]byte(id), err == nil
	}
	return "", [16]byte{}, false
}

// tsql runs the T-SQL step of the alert job
// (sys.sp_check_log_shipping_monitor_alert); other T-SQL fails the step.
func (sh *shipper) tsql(ctx context.Context, run *agent.StepRun) agent.StepResult {
	if !isAlertCheck(run.Command) {
		return agent.StepResult{Message: "The lab's SQL Server Agent runs only log shipping T-SQL steps."}
	}
	return checkAlerts(agent.Store{Ctx: ctx, Session: run.Session}, run.Agent.Now())
}

// isAlertCheck reports whether a T-SQL command is the alert job's check.
func isAlertCheck(cmd string) bool {
	return strings.Contains(strings.ToLower(cmd), "sp_check_log_shipping_monitor_alert")
}
