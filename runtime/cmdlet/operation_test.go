package cmdlet_test

import (
	"strings"
	"testing"
)

// TestOperationTextIsNotEscaped: -WhatIf, -Verbose, the confirmation
// prompt and the not-confirmed message print the target (and the action)
// exactly as given, as PowerShell does: a UNC path keeps single
// backslashes and a quote stays a quote.
func TestOperationTextIsNotEscaped(t *testing.T) {
	const target = `\\fs.lab.local\pchatlogs "DC1"`
	const op = `Performing the operation "Set pool state to Normal" on target "` + target + `".`
	for _, c := range []struct {
		name        string
		extra       []any
		interactive bool
		want        string
	}{
		{"whatif", []any{"WhatIf", true}, false, "host: What if: " + op},
		{"verbose", []any{"Verbose", true, "Force", true}, false, "verbose: " + op},
		{"prompt", nil, true, "\n" + op + "[Y] Yes"},
	} {
		s, h := newTestSession(t, c.interactive, "n")
		invoke(t, s, "Set-TestPoolState", named(append([]any{"Identity", target, "PoolState", "Normal"}, c.extra...)...))
		got := h.Text() + strings.Join(h.Prompts, "")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q lacks %q", c.name, got, c.want)
		}
	}
	s, _ := newTestSession(t, false)
	_, rec := invoke(t, s, "Set-TestPoolState", named("Identity", target, "PoolState", "Normal"))
	if rec == nil || rec.ErrorID != "ConfirmationRequired" || !strings.Contains(rec.Message, `on target "`+target+`"`) {
		t.Fatalf("not-confirmed message: %v", rec)
	}
}
