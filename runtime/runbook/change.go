package runbook

import (
	"pcsh/runtime/cmdlet"
)

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
// of each one it reached. Under -WhatIf (cmdlet.Planning) it prints every
// change and makes none (the result is empty). A change answered No is
// skipped (Declined) and the next one is offered, as PowerShell's
// ShouldProcess does; No to All, a confirmation that could not be given
// (a non-interactive run) or a cancelled context stops the sequence with
// that error, the change recorded as Declined; a change that fails stops
// it with the change's error.
func Apply(ctx *cmdlet.Context, changes []Change) ([]Applied, error) {
	var out []Applied
	for _, c := range changes {
		switch ctx.Decide(c.Target, c.Action) {
		case cmdlet.WhatIfShown:
			continue
		case cmdlet.Declined:
			out = append(out, Applied{Change: c, Outcome: Declined})
			if ctx.Stopped() {
				return out, stopped(ctx)
			}
			continue
		}
		if err := c.Do(ctx); err != nil {
			out = append(out, Applied{Change: c, Outcome: Failed, Err: cmdlet.AsRecord(err)})
			return out, err
		}
		out = append(out, Applied{Change: c, Outcome: Done})
	}
	return out, nil
}

// Decided sums up what Apply did with n changes as one decision:
// WhatIfShown when -WhatIf showed them instead, Declined when an answer
// of No skipped at least one, Proceed when every one was made (or n is
// 0). A caller goes on to wait for or verify what the changes achieve
// only on Proceed.
func Decided(n int, applied []Applied) cmdlet.Decision {
	if n > 0 && len(applied) == 0 {
		return cmdlet.WhatIfShown
	}
	for _, a := range applied {
		if a.Outcome == Declined {
			return cmdlet.Declined
		}
	}
	return cmdlet.Proceed
}

// stopped is why ShouldProcess declined and stopped the command.
func stopped(ctx *cmdlet.Context) error {
	if f := ctx.Fatal(); f != nil {
		return f
	}
	return ctx.Err()
}
