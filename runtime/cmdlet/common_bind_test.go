package cmdlet

import "testing"

func TestResolveCommonNamesAliasesAndPrefixes(t *testing.T) {
	for name, want := range map[string]string{
		"WhatIf": "WhatIf", "wi": "WhatIf", "what": "WhatIf", "W": "WhatIf", "cf": "Confirm",
		"conf": "Confirm", "vb": "Verbose", "db": "Debug", "ea": "ErrorAction", "err": "ErrorAction", "forc": "Force",
	} {
		p, rec := ResolveCommon(name)
		if rec != nil || p == nil || p.Name != want {
			t.Errorf("ResolveCommon(%q) = %v, %v; want %s", name, p, rec, want)
		}
	}
}

func TestResolveCommonMisspelt(t *testing.T) {
	for name, want := range map[string]string{"Wat": "WhatIf", "Whatf": "WhatIf", "Confrm": "Confirm", "Vrbose": "Verbose"} {
		p, rec := ResolveCommon(name)
		if p != nil || rec == nil || rec.ErrorID != "NamedParameterNotFound" || rec.Hint != "did you mean '"+want+"'?" {
			t.Errorf("ResolveCommon(%q) = %v, %+v; want NamedParameterNotFound naming %s", name, p, rec, want)
		}
	}
	for _, name := range []string{"Password", "Note", "Path", "AllowDataLoss", "x", "Items"} {
		if p, rec := ResolveCommon(name); p != nil || rec != nil {
			t.Errorf("ResolveCommon(%q) = %v, %v; want neither: the word is no common parameter", name, p, rec)
		}
	}
}

func TestLookupParamAmbiguousPrefix(t *testing.T) {
	params := []*Param{{Name: "Database"}, {Name: "Debug"}, {Name: "Delay", Aliases: []string{"d"}}}
	if p, hits := lookupParam(params, "De"); p != nil || len(hits) != 2 {
		t.Errorf("De = %v, %d hits; want ambiguous between Debug and Delay", p, len(hits))
	}
	if p, _ := lookupParam(params, "d"); p == nil || p.Name != "Delay" {
		t.Errorf("an alias wins over a prefix: got %v", p)
	}
	rec := ambiguousParam("De", []*Param{params[1], params[2]})
	if rec.ErrorID != "AmbiguousParameter" || rec.Message != "Parameter cannot be processed because the parameter name 'De' is ambiguous. Possible matches include: -Debug -Delay." {
		t.Errorf("record = %+v", rec)
	}
}

func TestBindCommonForms(t *testing.T) {
	wi, _ := ResolveCommon("wi")
	ea, _ := ResolveCommon("ea")
	cases := []struct {
		p    *Param
		na   NamedArg
		want func(Common) bool
		id   string
	}{
		{wi, NamedArg{Name: "wi", NoValue: true}, func(c Common) bool { return *c.WhatIf }, ""},
		{wi, NamedArg{Name: "WhatIf", Value: true}, func(c Common) bool { return *c.WhatIf }, ""},
		{wi, NamedArg{Name: "WhatIf", Value: false}, func(c Common) bool { return !*c.WhatIf }, ""},
		{wi, NamedArg{Name: "WhatIf", Value: "maybe"}, nil, "ParameterArgumentTransformationError"},
		{ea, NamedArg{Name: "ea", Value: "stop"}, func(c Common) bool { return *c.ErrorAction == ActionStop }, ""},
		{ea, NamedArg{Name: "ea", Value: "Ignore"}, nil, "ParameterArgumentValidationError"},
		{ea, NamedArg{Name: "ea", NoValue: true}, nil, "MissingArgument"},
	}
	for i, c := range cases {
		var common Common
		rec := common.BindCommon(c.p, c.na)
		switch {
		case c.id != "" && (rec == nil || rec.ErrorID != c.id):
			t.Errorf("case %d: got %v, want %s", i, rec, c.id)
		case c.id == "" && (rec != nil || !c.want(common)):
			t.Errorf("case %d: got %+v, %v", i, common, rec)
		}
	}
	var common Common
	_ = common.BindCommon(wi, NamedArg{Name: "wi", NoValue: true})
	if rec := common.BindCommon(wi, NamedArg{Name: "WhatIf", Value: false}); rec == nil || rec.ErrorID != "ParameterAlreadyBound" {
		t.Errorf("twice: %v", rec)
	}
}

func TestApplyToKeepsForceForOneCommand(t *testing.T) {
	yes, no := true, false
	p := Common{WhatIf: &yes, Confirm: &no, Force: &yes}.ApplyTo(DefaultPrefs())
	if !p.WhatIf || p.ConfirmImpact != ImpactNever || !p.Force {
		t.Errorf("prefs = %+v", p)
	}
	if p := (Common{}).ApplyTo(Prefs{Force: true, ErrorAction: ActionStop}); !p.Force || p.ErrorAction != ActionStop {
		t.Errorf("nothing given keeps the preferences: %+v", p)
	}
}
