package cmdlet_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// seen is what the lossy test cmdlet saw of its call.
type seen struct {
	Force, AllowDataLoss, WhatIf bool
}

// lossy reports its -Force, -AllowDataLoss and -WhatIf.
type lossy struct {
	AllowDataLoss bool `param:"" help:"Allows the loss."`
}

func (l *lossy) Process(ctx *cmdlet.Context) error {
	ctx.WriteObject(seen{Force: ctx.Force(), AllowDataLoss: l.AllowDataLoss, WhatIf: ctx.Mode() == cmdlet.Planning})
	return nil
}

// wrapper calls Invoke-TestLossy without any argument, as a runbook step
// that forwards nothing, and reports its own call too.
type wrapper struct {
	AllowDataLoss bool `param:"" help:"Allows the loss."`
}

func (w *wrapper) Process(ctx *cmdlet.Context) error {
	ctx.WriteObject(seen{Force: ctx.Force(), AllowDataLoss: w.AllowDataLoss, WhatIf: ctx.Mode() == cmdlet.Planning})
	out, _, err := ctx.Invoke("Invoke-TestLossy", cmdlet.Args{}, nil)
	for _, o := range out {
		ctx.WriteObject(o)
	}
	return err
}

func forceSession(t *testing.T) *cmdlet.Session {
	t.Helper()
	s := cmdlettest.NewSession(&cmdlettest.Host{})
	s.Registry = cmdlet.NewRegistry()
	for _, info := range []cmdlet.Info{
		{Name: "Invoke-TestLossy", Synopsis: "Reports its call.", New: func() cmdlet.Cmdlet { return new(lossy) }},
		{Name: "Invoke-TestWrapper", Synopsis: "Calls Invoke-TestLossy.", New: func() cmdlet.Cmdlet { return new(wrapper) }},
	} {
		cmd, err := cmdlet.NewCommand(info)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Registry.Add(cmd); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// outer and inner return what the wrapper and the command it called saw.
func outerInner(t *testing.T, s *cmdlet.Session, prefs cmdlet.Prefs, args cmdlet.Args) (outer, inner map[string]any) {
	t.Helper()
	cmd, _ := s.Registry.Lookup("Invoke-TestWrapper")
	out, _, err := s.Invoke(context.Background(), prefs, cmd, args, nil)
	if err != nil || len(out) != 2 {
		t.Fatalf("out %v, err %v", out, err)
	}
	return props(out[0]), props(out[1])
}

func props(o any) map[string]any {
	m := map[string]any{}
	for _, p := range o.(*cmdlet.Object).Props {
		m[p.Name] = p.Value
	}
	return m
}

func TestForceAndAllowDataLossAreNotInherited(t *testing.T) {
	s := forceSession(t)
	outer, inner := outerInner(t, s, s.Prefs, named("Force", true, "AllowDataLoss", true, "WhatIf", true))
	if outer["Force"] != true || outer["AllowDataLoss"] != true {
		t.Errorf("the call itself saw %v, want Force and AllowDataLoss", outer)
	}
	if inner["Force"] != false || inner["AllowDataLoss"] != false {
		t.Errorf("the called command inherited %v", inner)
	}
	if inner["WhatIf"] != true {
		t.Errorf("-WhatIf must flow into the called command: %v", inner)
	}
}

func TestGlobalForceIsForTheTopLevelCommandOnly(t *testing.T) {
	s := forceSession(t)
	prefs := s.Prefs
	prefs.Force = true // pcsh --force
	outer, inner := outerInner(t, s, prefs, cmdlet.Args{})
	if outer["Force"] != true {
		t.Errorf("--force must reach the top-level command: %v", outer)
	}
	if inner["Force"] != false {
		t.Errorf("--force reached the command it called: %v", inner)
	}
	outer, _ = outerInner(t, s, prefs, named("Force", false))
	if outer["Force"] != false {
		t.Errorf("-Force:$false on the call must win over --force: %v", outer)
	}
}

func TestRefuseDataLoss(t *testing.T) {
	if err := cmdlet.RefuseDataLoss(true, "db", "x"); err != nil {
		t.Fatalf("allowed: %v", err)
	}
	rec := cmdlet.AsRecord(cmdlet.RefuseDataLoss(false, "sql2", "Dropping %s loses its rows.", "mgc"))
	if rec.ErrorID != "DataLossNotAllowed" || rec.Target != "sql2" || rec.ExitCode() != cmdlet.ExitError {
		t.Errorf("record %+v", rec)
	}
	if !strings.HasPrefix(rec.Message, "Dropping mgc loses its rows. ") || !strings.Contains(rec.Message, "-AllowDataLoss") {
		t.Errorf("message %q must say what is lost and name -AllowDataLoss", rec.Message)
	}
	if !strings.Contains(rec.Hint, "-AllowDataLoss") {
		t.Errorf("hint %q", rec.Hint)
	}
}

func TestAllowDataLossMustBeASwitch(t *testing.T) {
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Get-TestBad", Synopsis: "Bad.", New: func() cmdlet.Cmdlet { return new(badLoss) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := cmdlet.CheckCommand(cmd); err == nil || !strings.Contains(err.Error(), "must be the switch AllowDataLoss") {
		t.Errorf("err = %v", err)
	}
}

// badLoss declares AllowDataLoss as a string.
type badLoss struct {
	AllowDataLoss string `param:"" help:"Wrong type."`
}

func (*badLoss) Process(*cmdlet.Context) error { return nil }

func TestNotConfirmedHintRecommendsConfirmFalse(t *testing.T) {
	s, _ := newTestSession(t, false)
	_, rec := invoke(t, s, "Set-TestPoolState", named("Identity", "p1", "PoolState", "Normal"))
	if rec == nil || rec.ErrorID != "ConfirmationRequired" {
		t.Fatalf("rec %v", rec)
	}
	if !strings.Contains(rec.Hint, "-Confirm:$false") || strings.Contains(rec.Hint, "-Force") {
		t.Errorf("hint %q must recommend -Confirm:$false, not -Force", rec.Hint)
	}
}
