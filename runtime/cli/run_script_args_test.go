package cli

import (
	"reflect"
	"testing"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cmdlet"
)

func TestScriptArgsBindCommonParameters(t *testing.T) {
	cases := []struct {
		words, rest []string
		prefs       func(cmdlet.Prefs) bool
	}{
		{[]string{"-wi"}, nil, func(p cmdlet.Prefs) bool { return p.WhatIf }},
		{[]string{"-WhatIf:$true", "a"}, []string{"a"}, func(p cmdlet.Prefs) bool { return p.WhatIf }},
		{[]string{"-WhatIf:$false"}, nil, func(p cmdlet.Prefs) bool { return !p.WhatIf }},
		{[]string{"-Verb", "-ea", "Stop", "x"}, []string{"x"}, func(p cmdlet.Prefs) bool { return p.Verbose && p.ErrorAction == cmdlet.ActionStop }},
		{[]string{"-Confirm:$false"}, nil, func(p cmdlet.Prefs) bool { return p.ConfirmImpact == cmdlet.ImpactNever }},
		{[]string{"-Force", "-AllowDataLoss", "-Password", "p"}, []string{"-Force", "-AllowDataLoss", "-Password", "p"},
			func(p cmdlet.Prefs) bool { return !p.Force }},
		{[]string{"a", "--", "-wi", "-Wat"}, []string{"a", "-wi", "-Wat"}, func(p cmdlet.Prefs) bool { return !p.WhatIf }},
		{[]string{"-5"}, []string{"-5"}, func(cmdlet.Prefs) bool { return true }},
	}
	for _, c := range cases {
		rest, common, rec := scriptArgs("s.lua", c.words)
		if rec != nil {
			t.Errorf("%q: %v", c.words, rec)
			continue
		}
		if !reflect.DeepEqual(rest, c.rest) {
			t.Errorf("%q: script words %q, want %q", c.words, rest, c.rest)
		}
		if p := common.ApplyTo(cmdlet.DefaultPrefs()); !c.prefs(p) {
			t.Errorf("%q: prefs %+v", c.words, p)
		}
	}
}

func TestScriptArgsErrors(t *testing.T) {
	for words, id := range map[string]string{
		"-Wat": "NamedParameterNotFound", "-WhatIf:maybe": "ParameterArgumentTransformationError",
		"-ErrorAction": "MissingArgument", "-ea:Ignore": "ParameterArgumentValidationError",
	} {
		_, _, rec := scriptArgs("s.lua", []string{words})
		if rec == nil || rec.ErrorID != id || rec.Target != "s.lua" || rec.Code != cmdlet.ExitUsage {
			t.Errorf("%s: %+v, want %s aimed at s.lua", words, rec, id)
		}
	}
	if _, _, rec := scriptArgs("s.lua", []string{"-wi", "-WhatIf"}); rec == nil || rec.ErrorID != "ParameterAlreadyBound" {
		t.Errorf("twice: %v", rec)
	}
}

func TestPrefsFromGlobalFlags(t *testing.T) {
	run := func(args ...string) (cmdlet.Prefs, error) {
		var p cmdlet.Prefs
		var err error
		app := &ucli.App{Flags: globalFlags(), Action: func(c *ucli.Context) error { p, err = prefsFrom(c); return nil }}
		if aerr := app.Run(append([]string{"pcsh"}, args...)); aerr != nil {
			t.Fatal(aerr)
		}
		return p, err
	}
	if p, err := run(); err != nil || p != cmdlet.DefaultPrefs() {
		t.Errorf("no flags: %+v, %v", p, err)
	}
	p, err := run("--whatif", "--confirm=false", "--force", "--verbose", "--debug", "--error-action", "stop")
	want := cmdlet.Prefs{WhatIf: true, ConfirmImpact: cmdlet.ImpactNever, Verbose: true, Debug: true, ErrorAction: cmdlet.ActionStop, Force: true}
	if err != nil || p != want {
		t.Errorf("every flag: %+v, %v", p, err)
	}
	if p, _ := run("--confirm"); p.ConfirmImpact != cmdlet.ImpactLow {
		t.Errorf("--confirm: %+v", p)
	}
	if _, err := run("--error-action", "Ignore"); err == nil || cmdlet.AsRecord(err).Code != cmdlet.ExitUsage {
		t.Errorf("--error-action Ignore: %v", err)
	}
}
