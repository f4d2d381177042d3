package luahost

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// errDescribed stops a runbook chunk once cmdlet{} has recorded its
// metadata: describing a runbook never runs a step.
var errDescribed = errors.New("described")

// Describe reads a runbook's metadata without running any of its steps: it
// runs the chunk in an empty sandbox until cmdlet{...} and stops there.
// source names the chunk in error positions (the file path). Errors are
// records whose ScriptPosition is source:line.
func Describe(name, source, src string) (*cmdlet.Command, error) {
	help := ParseHelp(src)
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	var spec *lua.LTable
	L.SetGlobal("cmdlet", L.NewFunction(func(L *lua.LState) int {
		spec = L.OptTable(1, L.NewTable())
		L.RaiseError("%s", errDescribed)
		return 0
	}))
	fn, err := L.Load(strings.NewReader(src), source)
	if err != nil {
		return nil, compileError(err, src)
	}
	L.Push(fn)
	if err := L.PCall(0, 0, nil); spec == nil {
		return nil, headerMissing(source, src, err)
	}
	cmd, err := commandFromSpec(name, spec, help)
	if err != nil {
		return nil, specError(source, src, err)
	}
	return cmd, nil
}

func commandFromSpec(name string, spec *lua.LTable, help Help) (*cmdlet.Command, error) {
	cmd := &cmdlet.Command{Type: cmdlet.TypeRunbook, Module: "runbook"}
	cmd.Name = name
	cmd.Synopsis = help.Synopsis
	cmd.Description = help.Description
	cmd.Examples = help.Examples
	cmd.Related = help.Links
	impact, err := parseImpact(lua.LVAsString(spec.RawGetString("impact")))
	if err != nil {
		return nil, err
	}
	cmd.Impact = impact
	cmd.Output = lua.LVAsString(spec.RawGetString("output"))
	params, _ := spec.RawGetString("params").(*lua.LTable)
	if params != nil {
		for i := 1; i <= params.Len(); i++ {
			p, err := paramFromSpec(params.RawGetInt(i), help)
			if err != nil {
				return nil, fmt.Errorf("parameter %d: %w", i, err)
			}
			cmd.Params = append(cmd.Params, p)
		}
	}
	return cmd, nil
}

func parseImpact(s string) (cmdlet.Impact, error) {
	for _, i := range []cmdlet.Impact{cmdlet.ImpactNone, cmdlet.ImpactLow, cmdlet.ImpactMedium, cmdlet.ImpactHigh} {
		if strings.EqualFold(i.String(), s) {
			return i, nil
		}
	}
	if s == "" {
		return cmdlet.ImpactNone, nil
	}
	return 0, fmt.Errorf("impact %q is not one of None, Low, Medium, High", s)
}

func paramFromSpec(v lua.LValue, help Help) (*cmdlet.Param, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("expected a table such as { \"Name\", type = \"string\" }")
	}
	name := lua.LVAsString(t.RawGetInt(1))
	p, err := cmdlet.ParamSpec(name, lua.LVAsString(t.RawGetString("type")))
	if err != nil {
		return nil, err
	}
	p.Mandatory = lua.LVAsBool(t.RawGetString("mandatory"))
	if pos, ok := t.RawGetString("position").(lua.LNumber); ok {
		p.Position = int(pos)
	}
	p.Help = lua.LVAsString(t.RawGetString("help"))
	if p.Help == "" {
		p.Help = help.Params[strings.ToLower(name)]
	}
	p.ValidSet = luaStrings(t.RawGetString("set"))
	p.Aliases = luaStrings(t.RawGetString("alias"))
	if d := t.RawGetString("default"); d != lua.LNil {
		p.Default = scalarToGo(d)
	}
	return p, nil
}

func luaStrings(v lua.LValue) []string {
	t, ok := v.(*lua.LTable)
	if !ok {
		if s, ok := v.(lua.LString); ok {
			return []string{string(s)}
		}
		return nil
	}
	var out []string
	for i := 1; i <= t.Len(); i++ {
		out = append(out, lua.LVAsString(t.RawGetInt(i)))
	}
	return out
}

// scalarToGo converts a default value without needing a state.
func scalarToGo(v lua.LValue) any {
	switch x := v.(type) {
	case lua.LBool:
		return bool(x)
	case lua.LNumber:
		if float64(x) == float64(int64(x)) {
			return int64(x)
		}
		return float64(x)
	case lua.LString:
		return string(x)
	}
	return nil
}

// RunbookName returns the command name for a runbook file: its base name
// without .lua.
func RunbookName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".lua")
}

// NewRunbook describes src and returns a command whose Run executes the
// chunk on this host with the bound parameters.
func (h *Host) NewRunbook(name, source, src string) (*cmdlet.Command, error) {
	cmd, err := Describe(name, source, src)
	if err != nil {
		return nil, err
	}
	cmd.Source = source
	chunk := source
	cmd.Run = func(ctx *cmdlet.Context, b *cmdlet.Bound) error {
		return h.runRunbook(ctx, b, chunk, src)
	}
	return cmd, nil
}
