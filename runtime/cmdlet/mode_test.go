package cmdlet_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// moder writes the mode of its call, then of a call it makes.
type moder struct {
	Inner bool `param:"" help:"Set on the inner call."`
}

func (m *moder) Process(ctx *cmdlet.Context) error {
	ctx.WriteObject(struct{ Mode string }{ctx.Mode().String()})
	if m.Inner {
		return nil
	}
	out, _, err := ctx.Invoke("Get-TestMode", cmdlet.Args{Named: []cmdlet.NamedArg{{Name: "Inner", Value: true}}}, nil)
	for _, o := range out {
		ctx.WriteObject(o)
	}
	return err
}

func modes(t *testing.T, prefs func(*cmdlet.Prefs), args cmdlet.Args) string {
	t.Helper()
	s := cmdlettest.NewSession(&cmdlettest.Host{})
	s.Registry = cmdlet.NewRegistry()
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Get-TestMode", Synopsis: "Writes its mode.", New: func() cmdlet.Cmdlet { return new(moder) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Registry.Add(cmd); err != nil {
		t.Fatal(err)
	}
	if prefs != nil {
		prefs(&s.Prefs)
	}
	out, _, err := s.Invoke(context.Background(), s.Prefs, cmd, args, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range out {
		got = append(got, props(o)["Mode"].(string))
	}
	return strings.Join(got, ",")
}

// TestModeIsPlanningUnderWhatIf: -WhatIf on the call or in the session's
// preferences makes the call and the calls it makes Planning; a call's
// -WhatIf:$false makes it Changing again.
func TestModeIsPlanningUnderWhatIf(t *testing.T) {
	whatIf := func(p *cmdlet.Prefs) { p.WhatIf = true }
	for _, c := range []struct {
		name  string
		prefs func(*cmdlet.Prefs)
		args  cmdlet.Args
		want  string
	}{
		{"default", nil, cmdlet.Args{}, "Changing,Changing"},
		{"-WhatIf", nil, named("WhatIf", true), "Planning,Planning"},
		{"preference", whatIf, cmdlet.Args{}, "Planning,Planning"},
		{"-WhatIf:$false over the preference", whatIf, named("WhatIf", false), "Changing,Changing"},
	} {
		if got := modes(t, c.prefs, c.args); got != c.want {
			t.Errorf("%s: modes %s, want %s", c.name, got, c.want)
		}
	}
}

// TestWriteDebugLinesRunsOnlyUnderDebug: the lines are built only when
// -Debug is in effect, and the session's secrets are masked in them.
func TestWriteDebugLinesRunsOnlyUnderDebug(t *testing.T) {
	for _, debug := range []bool{false, true} {
		h := &cmdlettest.Host{}
		s := cmdlettest.NewSession(h)
		s.Secrets.Add("hunter2")
		built := false
		ctx := &cmdlet.Context{Context: context.Background(), Session: s, Prefs: cmdlet.Prefs{Debug: debug}}
		ctx.WriteDebugLines(func() []string { built = true; return []string{"password hunter2"} })
		if built != debug {
			t.Errorf("debug %v: built %v", debug, built)
		}
		if debug && (!strings.Contains(h.Text(), "password "+cmdlet.Mask) || strings.Contains(h.Text(), "hunter2")) {
			t.Errorf("debug text %q", h.Text())
		}
	}
}
