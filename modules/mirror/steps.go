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

// runSteps confirms and runs the steps in order (runbook.Apply): under
// -WhatIf it prints every step and runs none; a declined step stops the
// sequence with runbook.ErrDeclined. Each outcome is a row of rep.
func runSteps(ctx *cmdlet.Context, steps []step, rep *report) error {
	_, err := runOrShow(ctx, steps, rep)
	return err
}

// runOrShow is runSteps that also says whether -WhatIf printed the steps
// instead of running them (shown), so the caller stops planning there
// rather than reading back a change that was not made.
func runOrShow(ctx *cmdlet.Context, steps []step, rep *report) (shown bool, err error) {
	applied, err := applySteps(ctx, steps, rep, nil)
	return err == nil && len(steps) > 0 && len(applied) == 0, err
}

// runUndoable is runSteps recording each confirmed step's Undo in u.
func runUndoable(ctx *cmdlet.Context, steps []step, rep *report, u *undoLog) error {
	_, err := applySteps(ctx, steps, rep, u)
	return err
}

// applySteps confirms and runs the steps through runbook.Apply, which
// returns nothing applied under -WhatIf, and reports each outcome in rep.
func applySteps(ctx *cmdlet.Context, steps []step, rep *report, u *undoLog) ([]runbook.Applied, error) {
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
		}
	}
	return applied, err
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

// connectOrAssume connects; under -WhatIf an unreachable instance is not
// an error: it returns nil after a warning, and the caller plans as if the
// instance were in the state the procedure expects.
func connectOrAssume(ctx *cmdlet.Context, w *World, name, assumption string) (SQL, error) {
	s, err := connect(ctx, w, name)
	if err == nil || !ctx.WhatIf() {
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
