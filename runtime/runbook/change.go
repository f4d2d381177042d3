package runbook

import (
	"errors"

	"pcsh/runtime/cmdlet"
)

// ErrDeclined stops a sequence of changes after the admin answered No:
// the changes after it depend on it. IgnoreDeclined turns it into
// success, since stopping was the admin's choice.
var ErrDeclined = errors.New("declined")

// Change is one confirmed change of a cmdlet: ShouldProcess(Target,
// Action) with Action the exact statement, then Do, which makes it.
type Change struct {
	Target string
	Action string
	Do     func(ctx *cmdlet.Context) error
}

// Applied is what became of one change Apply reached.
type Applied struct {
	Change  Change
	Outcome Outcome // Done, Failed or Declined
	Err     *cmdlet.ErrorRecord
}

// Apply confirms and makes each change in order, and returns what became
// of each one it reached. Under -WhatIf it prints every change and makes
// none (the result is empty). A declined change stops the sequence with
// ErrDeclined; a confirmation that could not be given (a non-interactive
// run) or a cancelled context stops it with that error; a change that
// fails stops it with the change's error.
func Apply(ctx *cmdlet.Context, changes []Change) ([]Applied, error) {
	var out []Applied
	for _, c := range changes {
		switch ctx.Decide(c.Target, c.Action) {
		case cmdlet.WhatIfShown:
			continue
		case cmdlet.Declined:
			out = append(out, Applied{Change: c, Outcome: Declined})
			return out, stopped(ctx)
		}
		if err := c.Do(ctx); err != nil {
			out = append(out, Applied{Change: c, Outcome: Failed, Err: cmdlet.AsRecord(err)})
			return out, err
		}
		out = append(out, Applied{Change: c, Outcome: Done})
	}
	return out, nil
}

// stopped is why ShouldProcess declined.
func stopped(ctx *cmdlet.Context) error {
	if f := ctx.Fatal(); f != nil {
		return f
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return ErrDeclined
}

// IgnoreDeclined returns nil for ErrDeclined and err otherwise.
func IgnoreDeclined(err error) error {
	if errors.Is(err, ErrDeclined) {
		return nil
	}
	return err
}
