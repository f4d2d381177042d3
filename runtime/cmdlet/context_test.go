package cmdlet_test

import (
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

// TestShouldProcessMatrix is the contract of -WhatIf, -Confirm, -Force and
// non-interactive runs for a High-impact cmdlet.
func TestShouldProcessMatrix(t *testing.T) {
	cases := []struct {
		name        string
		extra       []any
		prefs       func(*cmdlet.Prefs)
		interactive bool
		answers     []string
		ran         bool
		errID       string
		prompted    bool
		hostLine    string
	}{
		{name: "whatif", extra: []any{"WhatIf", true}, hostLine: `host: What if: Performing the operation "Set pool state to Normal" on target "p1".`},
		{name: "whatif preference", prefs: func(p *cmdlet.Prefs) { p.WhatIf = true }, hostLine: "host: What if:"},
		{name: "call overrides whatif preference", extra: []any{"WhatIf", false, "Force", true}, prefs: func(p *cmdlet.Prefs) { p.WhatIf = true }, ran: true},
		{name: "non-interactive needs confirmation", errID: "ConfirmationRequired"},
		{name: "force", extra: []any{"Force", true}, ran: true},
		{name: "confirm false", extra: []any{"Confirm", false}, ran: true},
		{name: "interactive yes", interactive: true, answers: []string{"y"}, ran: true, prompted: true},
		{name: "interactive default is yes", interactive: true, answers: []string{""}, ran: true, prompted: true},
		{name: "interactive no", interactive: true, answers: []string{"n"}, prompted: true},
		{name: "interactive no to all", interactive: true, answers: []string{"l"}, prompted: true, errID: "ConfirmationDeclined"},
		{name: "interactive bad answer asks again", interactive: true, answers: []string{"what", "a"}, ran: true, prompted: true},
		{name: "confirm preference none", prefs: func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactNever }, ran: true},
		{name: "verbose logs the operation", extra: []any{"Verbose", true, "Force", true}, ran: true,
			hostLine: `verbose: Performing the operation "Set pool state to Normal" on target "p1".`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, h := newTestSession(t, c.interactive, c.answers...)
			if c.prefs != nil {
				c.prefs(&s.Prefs)
			}
			out, rec := invoke(t, s, "Set-TestPoolState", named(append([]any{"Identity", "p1", "PoolState", "Normal"}, c.extra...)...))
			if (len(out) == 1) != c.ran {
				t.Errorf("ran = %v, want %v", len(out) == 1, c.ran)
			}
			if c.errID == "" && rec != nil || c.errID != "" && (rec == nil || rec.ErrorID != c.errID) {
				t.Fatalf("error %v, want %q", rec, c.errID)
			}
			if rec != nil && rec.ExitCode() != cmdlet.ExitNotConfirmed {
				t.Errorf("exit code %d, want NotConfirmed", rec.ExitCode())
			}
			if (len(h.Prompts) > 0) != c.prompted {
				t.Errorf("prompted = %v: %q", len(h.Prompts) > 0, h.Prompts)
			}
			if c.hostLine != "" && !strings.Contains(h.Text(), c.hostLine) {
				t.Errorf("host output %q lacks %q", h.Text(), c.hostLine)
			}
		})
	}
}

func TestMissingMandatoryPromptsWhenInteractive(t *testing.T) {
	s, h := newTestSession(t, true, "FailedOver", "y")
	out, rec := invoke(t, s, "Set-TestPoolState", named("Identity", "p1"))
	if rec != nil || len(out) != 1 {
		t.Fatalf("rec %v out %v", rec, out)
	}
	if !strings.Contains(h.Prompts[0], "PoolState: ") {
		t.Errorf("prompt %q", h.Prompts[0])
	}
}

// TestConfirmPromptIsOneLine: the explanation is host text and the prompt
// a single line, so a line editor can read the answer; S and ? explain and
// ask again; N skips the change and records the decline for the exit code.
func TestConfirmPromptIsOneLine(t *testing.T) {
	s, h := newTestSession(t, true, "s", "?", "n")
	out, rec := invoke(t, s, "Set-TestPoolState", named("Identity", "p1", "PoolState", "Normal"))
	if rec != nil || len(out) != 0 {
		t.Fatalf("rec %v out %v", rec, out)
	}
	if len(h.Prompts) != 3 {
		t.Fatalf("prompts %q, want three", h.Prompts)
	}
	for _, p := range h.Prompts {
		if strings.Contains(p, "\n") || !strings.HasPrefix(p, "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help") {
			t.Errorf("prompt %q", p)
		}
	}
	for _, want := range []string{"host: \nConfirm\nAre you sure you want to perform this action?\nPerforming the operation",
		"host: Suspend is not supported in pcsh", "host: Y - Continue with only the next step of the operation."} {
		if !strings.Contains(h.Text(), want) {
			t.Errorf("host text lacks %q:\n%s", want, h.Text())
		}
	}
	if !s.Declined {
		t.Error("the decline was not recorded")
	}
}
