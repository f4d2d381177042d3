package luahost

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"pcsh/runtime/cmdlet"
)

// Describe reads a runbook's metadata without running any of its code: it
// parses the chunk and reads the cmdlet{...} table literal that must be
// its first statement (headerSpec), so a runbook that loops or blocks
// cannot hang the shell that loads it. source names the chunk in error
// positions (the file path). Errors are records whose ScriptPosition is
// source:line.
func Describe(name, source, src string) (*cmdlet.Command, error) {
	chunk, err := parse.Parse(strings.NewReader(src), source)
	if err == nil {
		_, err = lua.Compile(chunk, source)
	}
	if err != nil {
		return nil, compileError(&lua.ApiError{Type: lua.ApiErrorSyntax, Object: lua.LString(err.Error()), Cause: err}, src)
	}
	spec, line, err := headerSpec(chunk)
	if errors.Is(err, errNoHeader) {
		return nil, headerMissing(source, line)
	}
	var cmd *cmdlet.Command
	if err == nil {
		cmd, err = commandFromSpec(name, spec, ParseHelp(src))
	}
	if err != nil {
		return nil, specError(source, line, err)
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
	cmd.Monitor = lua.LVAsBool(spec.RawGetString("monitor"))
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
