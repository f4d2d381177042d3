package mirror

import (
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// step is one change: the exact statement, the instance it runs on and
// whether it may outlast the command timeout (BACKUP, RESTORE).
type step struct {
	On       SQL    // nil when the instance was unreachable under -WhatIf
	Target   string // the instance's name
	SQL      string
	Long     bool
	Activity string // progress activity of a long step
	// Undo takes the change back when a later step fails (a rollback); it
	// is recorded before the step runs, since a failed RESTORE or SET
	// PARTNER may have changed something, and its Need decides.
	Undo *step
	// Need, on an undo step, reads whether there is still something to
	// take back (nil: always).
	Need func(ctx *cmdlet.Context) (bool, error)
}

// runSteps confirms and runs the steps in order (runbook.Apply) and
// says what was decided, summed up by runbook.Decided: under -WhatIf it
// prints every step and runs none (WhatIfShown); a step answered No is
// skipped and the next one offered (Declined). The caller waits for or
// verifies what the steps achieve only on Proceed. Each outcome is a row
// of rep.
func runSteps(ctx *cmdlet.Context, steps []step, rep *report) (cmdlet.Decision, error) {
	return runUndoable(ctx, steps, rep, nil)
}

// runUndoable is runSteps recording each confirmed step's Undo in u.
func runUndoable(ctx *cmdlet.Context, steps []step, rep *report, u *undoLog) (cmdlet.Decision, error) {
	changes := make([]runbook.Change, len(steps))
	for i, s := range steps {
		changes[i] = s.change(u)
	}
	applied, err := runbook.Apply(ctx, changes)
	for i, a := range applied {
		switch a.Outcome {
		case runbook.Done:
			rep.add(steps[i], "done")
		case runbook.Failed:
			rep.add(steps[i], "failed: "+a.Err.Message)
		case runbook.Declined:
			rep.add(steps[i], "declined")
		}
	}
	return runbook.Decided(len(steps), applied), err
}

// overall sums up the decisions about several runs of steps: WhatIfShown
// when -WhatIf showed any, Declined when a step of any was answered No,
// Proceed when every step was made.
func overall(ds ...cmdlet.Decision) cmdlet.Decision {
	out := cmdlet.Proceed
	for _, d := range ds {
		switch {
		case d == cmdlet.WhatIfShown:
			return d
		case d == cmdlet.Declined:
			out = d
		}
	}
	return out
}

// change is the step as a confirmed change; once confirmed, it records
// its Undo in u before the statement runs.
func (s step) change(u *undoLog) runbook.Change {
	return runbook.Change{Target: s.Target, Action: s.SQL, Do: func(ctx *cmdlet.Context) error {
		u.push(s.Undo)
		exec := s.On.Exec
		if s.Long {
			exec = s.On.ExecLong
		}
		var args []any
		if s.Activity != "" {
			args = append(args, connection.Activity(s.Activity))
		}
		if _, err := exec(ctx, s.SQL, args...); err != nil {
			return sqlFailed(ctx, err, s.Target, s.SQL)
		}
		return nil
	}}
}

// connect probes the instance and opens it.
func connect(ctx *cmdlet.Context, w *World, name string) (SQL, error) {
	if err := w.Reachable(ctx, name); err != nil {
		return nil, unreachable(name, err)
	}
	return w.Open(ctx, name)
}

// connectOrAssume connects; when planning (-WhatIf) an unreachable
// instance is not an error: it returns nil after a warning, and the
// caller plans as if the instance were in the state the procedure
// expects.
func connectOrAssume(ctx *cmdlet.Context, w *World, name, assumption string) (SQL, error) {
	s, err := connect(ctx, w, name)
	if err == nil || ctx.Mode() != cmdlet.Planning {
		return s, err
	}
	msg := strings.TrimSuffix(cmdlet.AsRecord(err).Message, ".")
	ctx.WriteWarning("%s; -WhatIf shows its statements assuming %s.", msg, assumption)
	return nil, nil
}

// pollInterval is how often waits read sys.database_mirroring.
const pollInterval = time.Second

// waitFor polls the database's mirroring row on s until ok says so or
// timeout passes; it returns the last row read.
func waitFor(ctx *cmdlet.Context, w *World, s SQL, db string, timeout time.Duration, ok func(dbState) bool) (dbState, bool, error) {
	deadline := w.Now().Add(timeout)
	for {
		st, err := readDatabase(ctx, s, db)
		if err != nil {
			return st, false, err
		}
		if ok(st) {
			return st, true, nil
		}
		if !w.Now().Before(deadline) {
			return st, false, nil
		}
		if err := w.Sleep(ctx, pollInterval); err != nil {
			return st, false, err
		}
	}
}

// synchronized is true once the session is SYNCHRONIZED.
func synchronized(st dbState) bool { return st.MirrorState == "SYNCHRONIZED" }
