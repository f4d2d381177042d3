package runbook_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/runbook"
)

// applyIn runs Apply inside a High-impact command invoked with prefs and
// answers, as a module's cmdlet would, and returns what it applied, its
// error, the statements made and the host's lines.
func applyIn(t *testing.T, prefs func(*cmdlet.Prefs), answers []string, fail string) ([]runbook.Applied, error, []string, string) {
	t.Helper()
	h := &cmdlettest.Host{IsInteractive: answers != nil, Answers: answers}
	sess := cmdlettest.NewSession(h)
	var made []string
	var applied []runbook.Applied
	var aerr error
	changes := func() []runbook.Change {
		var cs []runbook.Change
		for _, sql := range []string{"ALTER DATABASE [mgc] SET PARTNER OFF", "DROP ENDPOINT [mirroring]", "RESTORE DATABASE [mgc] WITH RECOVERY"} {
			cs = append(cs, runbook.Change{Target: "dc2-sql1", Action: sql, Do: func(*cmdlet.Context) error {
				if sql == fail {
					return &cmdlet.ErrorRecord{Message: "Msg 3101: exclusive access could not be obtained.", ErrorID: "SqlError", Category: cmdlet.CategoryInvalidOperation}
				}
				made = append(made, sql)
				return nil
			}})
		}
		return cs
	}
	cmd := &cmdlet.Command{Info: cmdlet.Info{Name: "Remove-PcThing", Impact: cmdlet.ImpactHigh}, Run: func(c *cmdlet.Context, _ *cmdlet.Bound) error {
		applied, aerr = runbook.Apply(c, changes())
		return aerr
	}}
	p := cmdlet.DefaultPrefs()
	if prefs != nil {
		prefs(&p)
	}
	_, _, _ = sess.Invoke(context.Background(), p, cmd, cmdlet.Args{}, nil)
	return applied, aerr, made, h.Text()
}

func appliedText(as []runbook.Applied) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, string(a.Outcome))
	}
	return strings.Join(parts, ",")
}

// TestApplyWhatIfPrintsEveryChange: under -WhatIf every statement is
// printed in order and none is made.
func TestApplyWhatIfPrintsEveryChange(t *testing.T) {
	as, err, made, host := applyIn(t, func(p *cmdlet.Prefs) { p.WhatIf = true }, nil, "")
	if err != nil || len(as) != 0 || len(made) != 0 {
		t.Fatalf("applied %v, made %v, %v", as, made, err)
	}
	want := `host: What if: Performing the operation "ALTER DATABASE [mgc] SET PARTNER OFF" on target "dc2-sql1".` + "\n" +
		`host: What if: Performing the operation "DROP ENDPOINT [mirroring]" on target "dc2-sql1".` + "\n" +
		`host: What if: Performing the operation "RESTORE DATABASE [mgc] WITH RECOVERY" on target "dc2-sql1".`
	if host != want {
		t.Errorf("host\n got %s\nwant %s", host, want)
	}
}

// TestApplyNoSkipsOneChange: an answer of No skips that change alone, as
// PowerShell's ShouldProcess does: the next one is asked for and made,
// and the sequence is not an error.
func TestApplyNoSkipsOneChange(t *testing.T) {
	as, err, made, host := applyIn(t, nil, []string{"y", "n", "y"}, "")
	if err != nil || appliedText(as) != "Done,Declined,Done" || strings.Join(made, ";") != "ALTER DATABASE [mgc] SET PARTNER OFF;RESTORE DATABASE [mgc] WITH RECOVERY" {
		t.Errorf("applied %s, made %v, %v", appliedText(as), made, err)
	}
	if !strings.Contains(host, "RESTORE") {
		t.Errorf("did not ask for the change after the declined one:\n%s", host)
	}
	if d := runbook.Decided(3, as); d != cmdlet.Declined {
		t.Errorf("decided %s, want Declined", d)
	}
}

// TestApplyNoToAllStops: No to All declines that change and every later
// one: they are not asked for, and the sequence stops with the
// ConfirmationDeclined record.
func TestApplyNoToAllStops(t *testing.T) {
	as, err, made, host := applyIn(t, nil, []string{"y", "l", "y"}, "")
	if rec := recordOf(t, err); rec.ErrorID != "ConfirmationDeclined" || appliedText(as) != "Done,Declined" || strings.Join(made, ";") != "ALTER DATABASE [mgc] SET PARTNER OFF" {
		t.Errorf("record %+v, applied %s, made %v", rec, appliedText(as), made)
	}
	if strings.Contains(host, "RESTORE") {
		t.Errorf("asked for a change after No to All:\n%s", host)
	}
}

// TestDecidedSumsUpApply: Proceed when every change was made, WhatIfShown
// when -WhatIf showed them.
func TestDecidedSumsUpApply(t *testing.T) {
	as, _, _, _ := applyIn(t, func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactNever }, nil, "")
	if d := runbook.Decided(3, as); d != cmdlet.Proceed {
		t.Errorf("all made: %s", d)
	}
	as, _, _, _ = applyIn(t, func(p *cmdlet.Prefs) { p.WhatIf = true }, nil, "")
	if d := runbook.Decided(3, as); d != cmdlet.WhatIfShown {
		t.Errorf("-WhatIf: %s", d)
	}
	if d := runbook.Decided(0, nil); d != cmdlet.Proceed {
		t.Errorf("no change: %s", d)
	}
}

// TestApplyRecordsFailure: a failed change stops the sequence and is
// recorded with its error; the changes before it are Done.
func TestApplyRecordsFailure(t *testing.T) {
	as, err, made, _ := applyIn(t, func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactNever }, nil, "DROP ENDPOINT [mirroring]")
	if appliedText(as) != "Done,Failed" || len(made) != 1 || as[1].Err == nil || as[1].Err.ErrorID != "SqlError" || err == nil {
		t.Errorf("applied %s %+v, made %v, %v", appliedText(as), as, made, err)
	}
}

// TestApplyNonInteractiveStops: a confirmation nobody can give stops the
// sequence with the ConfirmationRequired record.
func TestApplyNonInteractiveStops(t *testing.T) {
	as, err, made, _ := applyIn(t, nil, nil, "")
	if rec := recordOf(t, err); rec.ErrorID != "ConfirmationRequired" || len(made) != 0 || appliedText(as) != "Declined" {
		t.Errorf("record %+v, applied %s, made %v", rec, appliedText(as), made)
	}
}
