package console_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/console"
	"pcsh/runtime/format"
	"pcsh/runtime/luahost"
)

// throwingRunbook writes two objects, then throws.
const throwingRunbook = `--[[
.SYNOPSIS
Writes two objects, then throws.
]]
cmdlet{}
host.output(host.new_object("Finding", { "Name", "Verdict" }, { Name = "first", Verdict = "Healthy" }))
host.output(host.new_object("Finding", { "Name", "Verdict" }, { Name = "second", Verdict = "Critical" }))
host.exit_code("Critical")
host.throw{ Message = "boom", ErrorId = "Boom" }
`

// newThrowConsole returns a console whose PCSH_PATH holds Test-PcThrow.
func newThrowConsole(t *testing.T, mode format.Mode) (*console.Console, *strings.Builder) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Test-PcThrow.lua"), []byte(throwingRunbook), 0o644); err != nil {
		t.Fatal(err)
	}
	sess := cmdlettest.NewSession(&cmdlettest.Host{})
	lua := luahost.New(sess, []string{dir})
	t.Cleanup(lua.Close)
	if errs := lua.LoadPath([]string{dir}); len(errs) > 0 {
		t.Fatal(errs)
	}
	var out strings.Builder
	return &console.Console{Sess: sess, Lua: lua, Out: &out, Mode: mode}, &out
}

// TestThrowKeepsEarlierOutput: a runbook that throws keeps what it wrote
// before, on a command line, down a pipeline and in a Lua chunk, in every
// output mode; the error still ends the run.
func TestThrowKeepsEarlierOutput(t *testing.T) {
	for _, c := range []struct {
		mode format.Mode
		src  string
		want []string
	}{
		{format.ModeDefault, "Test-PcThrow", []string{"first", "second"}},
		{format.ModeDefault, "Test-PcThrow | Select-Object Name", []string{"first", "second"}},
		{format.ModeJSON, "Test-PcThrow", []string{`"Name": "first"`, `"Name": "second"`}},
		{format.ModeNagios, "Test-PcThrow", []string{"PERSISTENTCHAT CRITICAL - 1 critical of 2 checks; second; Test-PcThrow: boom", "CRITICAL: second"}},
		{format.ModeDefault, "return Test_PcThrow{}", nil},
	} {
		con, out := newThrowConsole(t, c.mode)
		err := con.Run(context.Background(), "=test", c.src)
		if rec := cmdlet.AsRecord(err); err == nil || rec.ErrorID != "Boom" {
			t.Errorf("%s %q: error %v, want Boom", c.mode, c.src, err)
		}
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s %q: output lacks %q:\n%s", c.mode, c.src, w, out.String())
			}
		}
	}
}

// TestNestedExitCodeLeftToCaller: a runbook's exit code counts when the
// command line runs it, not when a Lua chunk calls it.
func TestNestedExitCodeLeftToCaller(t *testing.T) {
	con, _ := newThrowConsole(t, format.ModeDefault)
	_ = con.Run(context.Background(), "=test", "Test-PcThrow")
	if code, ok := con.Sess.RequestedExit(); !ok || code != cmdlet.ExitPluginCritical {
		t.Errorf("command line: requested exit %d %v, want 2", code, ok)
	}
	con, _ = newThrowConsole(t, format.ModeDefault)
	_ = con.Run(context.Background(), "=test", "pcall(Test_PcThrow, {})")
	if code, ok := con.Sess.RequestedExit(); ok {
		t.Errorf("called from Lua: requested exit %d, want none", code)
	}
}
