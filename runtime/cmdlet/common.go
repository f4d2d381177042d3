package cmdlet

import (
	"fmt"
	"strings"
)

// ErrorAction is the -ErrorAction preference.
type ErrorAction string

// The supported error actions.
const (
	ActionContinue         ErrorAction = "Continue"
	ActionStop             ErrorAction = "Stop"
	ActionSilentlyContinue ErrorAction = "SilentlyContinue"
)

// Values lists the valid error actions.
func (ErrorAction) Values() []string {
	return []string{string(ActionContinue), string(ActionStop), string(ActionSilentlyContinue)}
}

// commonParams are added by the host to every command; modules cannot
// declare them.
var commonParams = []*Param{
	{Name: "WhatIf", Kind: KindSwitch, TypeName: "SwitchParameter", Position: -1, Aliases: []string{"wi"},
		Help: "Shows what would happen if the command runs, without running it."},
	{Name: "Confirm", Kind: KindSwitch, TypeName: "SwitchParameter", Position: -1, Aliases: []string{"cf"},
		Help: "Prompts for confirmation before each change; -Confirm:$false never prompts."},
	{Name: "Verbose", Kind: KindSwitch, TypeName: "SwitchParameter", Position: -1, Aliases: []string{"vb"},
		Help: "Writes VERBOSE messages about each step."},
	{Name: "Debug", Kind: KindSwitch, TypeName: "SwitchParameter", Position: -1, Aliases: []string{"db"},
		Help: "Writes DEBUG messages, such as the T-SQL sent."},
	{Name: "ErrorAction", Kind: KindString, TypeName: "ActionPreference", Position: -1, Aliases: []string{"ea"},
		ValidSet: ErrorAction("").Values(), Help: "What to do with non-terminating errors: Continue, Stop or SilentlyContinue."},
	{Name: "Force", Kind: KindSwitch, TypeName: "SwitchParameter", Position: -1,
		Help: "Skips confirmation and the command's restrictions that cannot lose data, for this call only: the commands it calls do not inherit it. Operations that lose committed data need -AllowDataLoss instead."},
}

// CommonParams returns the common parameters in help order.
func CommonParams() []*Param { return commonParams }

func isCommonParam(lower string) bool { return commonParam(lower) != nil }

func commonParam(name string) *Param {
	for _, p := range commonParams {
		if p.Matches(name) {
			return p
		}
	}
	return nil
}

// Common holds the common parameters given on one call; nil fields were not
// given and fall back to the session preferences.
type Common struct {
	WhatIf      *bool
	Confirm     *bool
	Verbose     *bool
	Debug       *bool
	ErrorAction *ErrorAction
	Force       *bool
}

func (c *Common) set(p *Param, v any) {
	switch p.Name {
	case "WhatIf":
		c.WhatIf = boolPtr(v)
	case "Confirm":
		c.Confirm = boolPtr(v)
	case "Verbose":
		c.Verbose = boolPtr(v)
	case "Debug":
		c.Debug = boolPtr(v)
	case "Force":
		c.Force = boolPtr(v)
	case "ErrorAction":
		a := ErrorAction(v.(string))
		c.ErrorAction = &a
	}
}

func boolPtr(v any) *bool { b := v.(bool); return &b }

// given reports whether the common parameter p was given.
func (c *Common) given(p *Param) bool {
	switch p.Name {
	case "WhatIf":
		return c.WhatIf != nil
	case "Confirm":
		return c.Confirm != nil
	case "Verbose":
		return c.Verbose != nil
	case "Debug":
		return c.Debug != nil
	case "Force":
		return c.Force != nil
	}
	return c.ErrorAction != nil
}

// Prefs are the session preferences a command inherits: the CLI's global
// flags set them and a runbook passes its own down to every step.
type Prefs struct {
	WhatIf        bool
	ConfirmImpact Impact // prompt for changes at or above this impact
	Verbose       bool
	Debug         bool
	ErrorAction   ErrorAction
	// Force is -Force for the one command these preferences are handed to
	// (the CLI's --force sets it for the commands of the command line). It
	// is not a preference: Session.Invoke takes it out, so a running
	// command's Context.Prefs never carries it and nothing it calls
	// inherits it.
	Force bool
}

// DefaultPrefs returns PowerShell's defaults: confirm High-impact changes,
// continue on non-terminating errors.
func DefaultPrefs() Prefs {
	return Prefs{ConfirmImpact: ImpactHigh, ErrorAction: ActionContinue}
}

// apply overlays the call's common parameters on inherited preferences.
func (c Common) apply(p Prefs) Prefs {
	if c.WhatIf != nil {
		p.WhatIf = *c.WhatIf
	}
	if c.Confirm != nil {
		p.ConfirmImpact = ImpactNever
		if *c.Confirm {
			p.ConfirmImpact = ImpactLow
		}
	}
	if c.Verbose != nil {
		p.Verbose = *c.Verbose
	}
	if c.Debug != nil {
		p.Debug = *c.Debug
	}
	if c.ErrorAction != nil {
		p.ErrorAction = *c.ErrorAction
	}
	return p
}

// force is the call's -Force: given on the call, or handed to this one
// command by its caller (prefs.Force).
func (c Common) force(p Prefs) bool {
	if c.Force != nil {
		return *c.Force
	}
	return p.Force
}

// Flags renders the common parameters given, for transcripts and -WhatIf of
// nested commands.
func (c Common) Flags() string {
	var b strings.Builder
	sw := func(name string, v *bool) {
		if v != nil {
			fmt.Fprintf(&b, " -%s:$%t", name, *v)
		}
	}
	sw("WhatIf", c.WhatIf)
	sw("Confirm", c.Confirm)
	sw("Force", c.Force)
	return b.String()
}
