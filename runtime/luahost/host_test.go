package luahost_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	_ "pcsh/modules/core"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/luahost"
)

func newHost(t *testing.T, path ...string) (*luahost.Host, *cmdlettest.Host) {
	t.Helper()
	rec := &cmdlettest.Host{}
	h := luahost.New(cmdlettest.NewSession(rec), path)
	t.Cleanup(h.Close)
	return h, rec
}

func run(t *testing.T, h *luahost.Host, src string) []any {
	t.Helper()
	out, err := h.Exec(context.Background(), "test.lua", src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return out
}

func TestCallReturnsObjectsAndNilErrors(t *testing.T) {
	h, _ := newHost(t)
	out := run(t, h, `
		local cmds, errs = Get_Command{ Name = "Get-Verb" }
		assert(errs == nil, "no errors expected")
		assert(#cmds == 1 and cmds[1].Name == "Get-Verb")
		assert(cmds[1].name == "Get-Verb", "property names are case-insensitive")
		return cmds[1].Module, Get_Verb("Install")[1].Group`)
	if len(out) != 2 || out[0] != "core" || out[1] != "Lifecycle" {
		t.Fatalf("%v", out)
	}
}

func TestTerminatingErrorIsARecordPcallCanInspect(t *testing.T) {
	h, _ := newHost(t)
	out := run(t, h, `
		local ok, e = pcall(Get_Command, { Nmae = "x" })
		assert(not ok)
		return e.ErrorId, e.Category, e.Command, e.Hint, e.ScriptPosition, tostring(e)`)
	want := []any{"NamedParameterNotFound", "InvalidArgument", "Get-Command", "did you mean 'Name'?", "test.lua:2",
		"Get-Command: A parameter cannot be found that matches parameter name 'Nmae'."}
	for i := range want {
		if out[i] != want[i] {
			t.Errorf("field %d = %v, want %v", i, out[i], want[i])
		}
	}
}

func TestUnknownPropertySuggests(t *testing.T) {
	h, _ := newHost(t)
	_, err := h.Exec(context.Background(), "p.lua", `local c = Get_Command("Get-Verb")[1]; return c.Moduel`)
	rec := cmdlet.AsRecord(err)
	if !strings.Contains(rec.Message, "no property 'Moduel' on CommandInfo; did you mean 'Module'?") || rec.ScriptPosition != "p.lua:1" {
		t.Fatalf("%+v", rec)
	}
}

func TestNonTerminatingErrorsAreReturned(t *testing.T) {
	h, rec := newHost(t)
	out := run(t, h, `
		local out, errs = Write_Error{ Message = "mirror lagging", ErrorId = "MirrorLag", ErrorAction = "SilentlyContinue" }
		return #errs, errs[1].ErrorId, errs[1].Message`)
	if out[0] != int64(1) || out[1] != "MirrorLag" || rec.Text() != "" {
		t.Fatalf("%v / %q", out, rec.Text())
	}
}

func TestSyntaxErrorHasFileAndLine(t *testing.T) {
	h, _ := newHost(t)
	_, err := h.Exec(context.Background(), "bad.lua", "local x = 1\nif x then\n")
	rec := cmdlet.AsRecord(err)
	if rec.ErrorID != "ScriptSyntaxError" || rec.ExitCode() != cmdlet.ExitUsage || !strings.HasPrefix(rec.ScriptPosition, "bad.lua") {
		t.Fatalf("%+v", rec)
	}
	_, err = h.Exec(context.Background(), "rt.lua", "local t = nil\nreturn t.x")
	rec = cmdlet.AsRecord(err)
	if rec.ErrorID != "ScriptError" || rec.ScriptPosition != "rt.lua:2" {
		t.Fatalf("%+v", rec)
	}
}

func TestFilterScriptAndPipelineInput(t *testing.T) {
	h, _ := newHost(t)
	out := run(t, h, `
		local groups = Where_Object(Get_Verb{}, { FilterScript = function(v) return v.Verb == "Get" end })
		local sorted = Sort_Object({ 3, 1, 2 }, {})
		return groups[1].Group, sorted[1], sorted[3]`)
	if out[0] != "Common" || out[1] != int64(1) || out[2] != int64(3) {
		t.Fatalf("%v", out)
	}
}

const stepRunbook = `--[[
.SYNOPSIS
Changes something.
.PARAMETER Target
What to change.
.EXAMPLE
Set-PcThing -Target a -WhatIf
Shows the plan.
]]
local args = cmdlet { impact = "High", params = { { "Target", type = "string", mandatory = true, position = 0 } } }
if host.should_process(args.Target, "Change " .. args.Target) then
  host.output("changed " .. args.Target)
end
`

const outerRunbook = `--[[
.SYNOPSIS
Calls another runbook.
.EXAMPLE
Invoke-PcOuter -WhatIf
Dry run.
]]
local args = cmdlet { impact = "High" }
Set_PcThing{ "inner" }
return "outer done"
`

func TestRunbooksAreCommandsAndInheritWhatIf(t *testing.T) {
	h, rec := newHost(t)
	fsys := fstest.MapFS{"Set-PcThing.lua": {Data: []byte(stepRunbook)}, "Invoke-PcOuter.lua": {Data: []byte(outerRunbook)}}
	if errs := h.LoadRunbooks(fsys, "mem:"); len(errs) > 0 {
		t.Fatal(errs)
	}
	cmd, ok := h.Sess.Registry.Lookup("Set-PcThing")
	if !ok || cmd.Params[0].Help != "What to change." || cmd.Examples[0].Code != "Set-PcThing -Target a -WhatIf" {
		t.Fatalf("metadata: %+v", cmd)
	}
	out := run(t, h, `return Invoke_PcOuter{ WhatIf = true }`)
	if len(out) != 1 || out[0] != "outer done" {
		t.Fatalf("out %v", out)
	}
	if !strings.Contains(rec.Text(), `What if: Performing the operation "Change inner" on target "inner".`) {
		t.Fatalf("the inner step must inherit -WhatIf: %q", rec.Text())
	}
	out = run(t, h, `return Set_PcThing{ Target = "x", Force = true }`)
	if len(out) != 1 || out[0] != "changed x" {
		t.Fatalf("forced run output %v", out)
	}
	_, err := h.Exec(context.Background(), "t.lua", `return Set_PcThing{ "y" }`)
	if cmdlet.AsRecord(err).ErrorID != "ConfirmationRequired" {
		t.Fatalf("non-interactive High impact must need confirmation: %v", err)
	}
}

func TestDescribeRunsNoSteps(t *testing.T) {
	src := "local a = cmdlet{}\nerror('a step ran')\n"
	if _, err := luahost.Describe("Get-X", "x.lua", src); err != nil {
		t.Fatal(err)
	}
	if _, err := luahost.Describe("Get-X", "x.lua", "Get_Command{}\nlocal a = cmdlet{}"); err == nil {
		t.Fatal("a runbook whose first statement is not cmdlet{} must be refused")
	}
}

func TestRequireFindsModulesOnPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "helpers.lua"), []byte("return { twice = function(x) return 2 * x end }"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, _ := newHost(t, dir)
	if out := run(t, h, `return require("helpers").twice(21)`); out[0] != int64(42) {
		t.Fatalf("%v", out)
	}
	if _, err := h.Exec(context.Background(), "t.lua", `return io, os`); err != nil {
		t.Fatal(err)
	}
	out := run(t, h, `return io == nil and os.execute == nil and dofile == nil`)
	if out[0] != true {
		t.Fatal("the sandbox must not expose io, os.execute or dofile")
	}
}

func TestContextCancelStopsScript(t *testing.T) {
	h, _ := newHost(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.Exec(ctx, "loop.lua", "while true do end")
	if cmdlet.ExitCodeOf(err) != cmdlet.ExitInterrupted {
		t.Fatalf("got %v", err)
	}
}

// TestPrintGoesThroughTheHost: Lua's print reaches the session host, so
// the transcript records it and secrets are redacted.
func TestPrintGoesThroughTheHost(t *testing.T) {
	h, rec := newHost(t)
	run(t, h, `print("a", 1, nil, true)`)
	if len(rec.Lines) != 1 || rec.Lines[0] != "host: a\t1\tnil\ttrue" {
		t.Errorf("host lines %q", rec.Lines)
	}
}

// TestLoadErrorsSayWhere: a runbook that cannot be loaded is reported with
// file:line, and calling it gives that reason as the hint.
func TestLoadErrorsSayWhere(t *testing.T) {
	h, _ := newHost(t)
	fsys := fstest.MapFS{"Get-PcBad.lua": {Data: []byte("local a = cmdlet{}\n\nlocal = 1\n")}}
	errs := h.LoadRunbooks(fsys, "dir/")
	want := "dir/Get-PcBad.lua:3: runbook Get-PcBad was not loaded: Lua syntax error near '=': syntax error."
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errors %v, want %q", errs, want)
	}
	if rec := h.Sess.Registry.NotFound("Get-PcBad"); rec.Hint != want {
		t.Errorf("not-found hint %q", rec.Hint)
	}
	if _, err := luahost.Describe("Get-X", "x.lua", "local a = cmdlet{ impact = 'Huge' }"); cmdlet.AsRecord(err).ScriptPosition != "x.lua:1" {
		t.Errorf("a bad declaration must name its line: %v", err)
	}
}

func TestCheckHelpFindsUndeclaredParameters(t *testing.T) {
	src := "--[[\n.SYNOPSIS\nx\n.PARAMETER Nmae\nThe name.\n]]\nlocal a = cmdlet{ params = { { \"Name\" } } }\n"
	cmd, err := luahost.Describe("Get-X", "x.lua", src)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Source = "x.lua"
	warns := luahost.CheckHelp(cmd, src)
	want := "x.lua:4: runbook Get-X: .PARAMETER Nmae names no declared parameter; did you mean Name?"
	if len(warns) != 1 || warns[0].Error() != want {
		t.Errorf("warnings %v, want %q", warns, want)
	}
}

func TestRequireOfAMissingModuleListsThePath(t *testing.T) {
	dir := t.TempDir()
	h, _ := newHost(t, dir)
	_, err := h.Exec(context.Background(), "t.lua", `require("a.b")`)
	rec := cmdlet.AsRecord(err)
	sep := string(os.PathSeparator)
	if rec.ErrorID != "ModuleNotFound" || !strings.Contains(rec.Message, dir+sep+"a"+sep+"b.lua, "+dir+sep+"a"+sep+"b"+sep+"init.lua") {
		t.Errorf("got %s: %s", rec.ErrorID, rec.Message)
	}
	if rec.ScriptPosition != "t.lua:1" {
		t.Errorf("position %q", rec.ScriptPosition)
	}
}

// TestTopLevelShouldProcessWhatIf: host.should_process outside any
// cmdlet prints the same What if line as a cmdlet's ShouldProcess, the
// action exactly as given (a multi-line batch keeps its lines), and
// changes nothing.
func TestTopLevelShouldProcessWhatIf(t *testing.T) {
	h, rec := newHost(t)
	h.Sess.Prefs.WhatIf = true
	out := run(t, h, `return host.should_process("dc1-sql1", "BACKUP LOG [mgc]\nTO DISK = N'x'")`)
	want := "What if: Performing the operation \"BACKUP LOG [mgc]\nTO DISK = N'x'\" on target \"dc1-sql1\"."
	if len(out) != 1 || out[0] != false || !strings.Contains(rec.Text(), want) {
		t.Fatalf("got %v\n%s\nwant %q", out, rec.Text(), want)
	}
}
