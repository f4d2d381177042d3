package cmdlet_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// decider writes the decision about each of its two changes.
type decider struct{}

func (*decider) Process(ctx *cmdlet.Context) error {
	for _, target := range []string{"a", "b"} {
		ctx.WriteObject(struct{ Decision string }{ctx.Decide(target, "Change "+target).String()})
	}
	return nil
}

func decisions(t *testing.T, interactive bool, answers []string, prefs func(*cmdlet.Prefs), args cmdlet.Args) string {
	t.Helper()
	s := cmdlettest.NewSession(&cmdlettest.Host{IsInteractive: interactive, Answers: answers})
	s.Registry = cmdlet.NewRegistry()
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Set-TestDecision", Synopsis: "Decides twice.", Impact: cmdlet.ImpactHigh,
		New: func() cmdlet.Cmdlet { return new(decider) }})
	if err != nil {
		t.Fatal(err)
	}
	if prefs != nil {
		prefs(&s.Prefs)
	}
	out, _, _ := s.Invoke(context.Background(), s.Prefs, cmd, args, nil)
	got := []string{}
	for _, o := range out {
		got = append(got, props(o)["Decision"].(string))
	}
	return strings.Join(got, ",")
}

func TestDecideSaysProceedWhatIfOrDeclined(t *testing.T) {
	cases := []struct {
		name        string
		interactive bool
		answers     []string
		prefs       func(*cmdlet.Prefs)
		args        cmdlet.Args
		want        string
	}{
		{name: "whatif", args: named("WhatIf", true), want: "WhatIf,WhatIf"},
		{name: "whatif preference", prefs: func(p *cmdlet.Prefs) { p.WhatIf = true }, want: "WhatIf,WhatIf"},
		{name: "force", args: named("Force", true), want: "Proceed,Proceed"},
		{name: "below the confirm preference", prefs: func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactNever }, want: "Proceed,Proceed"},
		{name: "no one to ask: declined, then stopped", want: "Declined,Declined"},
		{name: "yes then no", interactive: true, answers: []string{"y", "n"}, want: "Proceed,Declined"},
		{name: "no then yes", interactive: true, answers: []string{"n", "y"}, want: "Declined,Proceed"},
		{name: "yes to all", interactive: true, answers: []string{"a"}, want: "Proceed,Proceed"},
		{name: "no to all", interactive: true, answers: []string{"l"}, want: "Declined,Declined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := decisions(t, c.interactive, c.answers, c.prefs, c.args); got != c.want {
				t.Errorf("decisions %s, want %s", got, c.want)
			}
		})
	}
}
