package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// undoLog collects, newest first, the changes that take back what a
// set-up did: SET PARTNER OFF where it set a partner, DROP DATABASE of
// the copy it restored, DROP ENDPOINT of the endpoints it created.
type undoLog struct {
	steps []step
}

// push records an undo step; a nil log or step records nothing.
func (u *undoLog) push(s *step) {
	if u != nil && s != nil {
		u.steps = append([]step{*s}, u.steps...)
	}
}

// rollBack takes back, newest first, what a failed set-up changed, each
// step through ShouldProcess and reported as a rollback step, and returns
// cause. A step whose Need says there is nothing left to take back is
// skipped; a failed one is reported and the rest still run. Only a
// change that was made records an undo step, so after -WhatIf there is
// nothing to take back. After No to All, a confirmation no one could give
// or Ctrl-C nothing is rolled back: the run was stopped.
func rollBack(ctx *cmdlet.Context, u *undoLog, rep *report, cause error) error {
	if len(u.steps) == 0 {
		return cause
	}
	if ctx.Err() != nil || ctx.Fatal() != nil {
		ctx.WriteWarning("The set-up stopped part way and nothing was rolled back; Get-PcMirroringStatus shows what it left.")
		return cause
	}
	ctx.WriteWarning("The set-up failed: %s Rolling back what it changed.", strings.TrimSpace(cmdlet.AsRecord(cause).Message))
	var failed []string
	for _, s := range u.steps {
		if s.Need != nil {
			need, err := s.Need(ctx)
			if err == nil && !need {
				ctx.WriteVerbose("Rollback: nothing to take back for %q on %s.", s.SQL, s.Target)
				continue
			}
		}
		applied, _ := runbook.Apply(ctx, []runbook.Change{s.change(nil)})
		switch a := applied[0]; a.Outcome {
		case runbook.Declined:
			failed = append(failed, s.SQL+" on "+s.Target+" (declined)")
		case runbook.Failed:
			rep.add(s, "rollback failed: "+a.Err.Message)
			ctx.WriteWarning("Rollback step %s on %s failed: %s", s.SQL, s.Target, a.Err.Message)
			failed = append(failed, s.SQL+" on "+s.Target)
		default:
			rep.add(s, "rolled back")
			ctx.WriteWarning("Rolled back: %s on %s.", s.SQL, s.Target)
		}
	}
	rec := cmdlet.AsRecord(cause)
	if len(failed) > 0 {
		return rec.WithHint("the rollback did not finish: run by hand %s", strings.Join(failed, "; "))
	}
	return rec
}

// partnerOffUndo is SET PARTNER OFF on s, needed while the database
// there is still in a mirroring session.
func partnerOffUndo(s SQL, target, db, quoted string) *step {
	return &step{On: s, Target: target, SQL: partnerOption(quoted, "OFF"), Need: func(ctx *cmdlet.Context) (bool, error) {
		d, err := readDatabase(ctx, s, db)
		return d.Mirrored, err
	}}
}

// dropCopyUndo drops the copy a set-up restored on the mirror, needed
// while a database of that name is there and not ONLINE (a copy left
// RESTORING, never a database someone recovered since).
func dropCopyUndo(s SQL, target, db, quoted string) *step {
	return &step{On: s, Target: target, SQL: dropDatabase(quoted), Need: func(ctx *cmdlet.Context) (bool, error) {
		d, err := readDatabase(ctx, s, db)
		return d.Exists && d.State != "ONLINE", err
	}}
}

// dropEndpointUndo drops an endpoint the set-up created.
func dropEndpointUndo(s SQL, target, quoted string) *step {
	return &step{On: s, Target: target, SQL: dropEndpoint(quoted), Need: func(ctx *cmdlet.Context) (bool, error) {
		ep, err := readEndpoint(ctx, s)
		return ep.Exists, err
	}}
}
