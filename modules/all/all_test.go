package all_test

import (
	"context"
	"strings"
	"testing"

	_ "pcsh/modules/all"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/help"
	"pcsh/runtime/luahost"
	"pcsh/runtime/shell"
)

// session loads every built-in cmdlet and runbook.
func session(t *testing.T) *luahost.Host {
	t.Helper()
	h := luahost.New(cmdlettest.NewSession(&cmdlettest.Host{}), nil)
	if errs := h.LoadBuiltin(); len(errs) > 0 {
		t.Fatalf("built-in runbooks: %v", errs)
	}
	t.Cleanup(h.Close)
	return h
}

// TestEveryExampleParsesAndBinds is what keeps help from drifting: every
// example of every cmdlet and runbook must parse as a command line and
// bind to the command's parameters.
func TestEveryExampleParsesAndBinds(t *testing.T) {
	h := session(t)
	for _, cmd := range h.Sess.Registry.Commands() {
		if len(cmd.Examples) == 0 {
			t.Errorf("%s has no example", cmd.Name)
		}
		for _, ex := range cmd.Examples {
			pls, err := shell.Parse(ex.Code)
			if err != nil {
				t.Errorf("%s example %q: %v", cmd.Name, ex.Code, err)
				continue
			}
			for _, pl := range pls {
				for _, call := range pl.Calls {
					bindCall(t, h.Sess, cmd.Name, ex.Code, call)
				}
			}
		}
	}
}

func bindCall(t *testing.T, s *cmdlet.Session, owner, code string, call *shell.Call) {
	c, ok := s.Registry.Lookup(call.Name)
	if !ok {
		t.Errorf("%s example %q calls unknown %s", owner, code, call.Name)
		return
	}
	if _, rec := cmdlet.Bind(c, shell.Args(c, call.Elems)); rec != nil {
		t.Errorf("%s example %q does not bind: %v", owner, code, rec)
	}
}

// TestHelpRendersForEveryCommand renders every view of every command.
func TestHelpRendersForEveryCommand(t *testing.T) {
	h := session(t)
	for _, cmd := range h.Sess.Registry.Commands() {
		for _, v := range []help.View{help.ViewDefault, help.ViewDetailed, help.ViewFull, help.ViewExamples} {
			var b strings.Builder
			if err := help.Render(&b, cmd, v); err != nil || !strings.Contains(b.String(), "NAME\n    "+cmd.Name) {
				t.Errorf("%s view %d: %v", cmd.Name, v, err)
			}
		}
		if cmd.Type == cmdlet.TypeCmdlet && cmd.Module == "" {
			t.Errorf("%s has no module", cmd.Name)
		}
	}
}

// TestLuaNamesRoundTrip checks that every command is a Lua global under its
// Verb_Noun name.
func TestLuaNamesRoundTrip(t *testing.T) {
	h := session(t)
	for _, cmd := range h.Sess.Registry.Commands() {
		out, err := h.Exec(context.Background(), "names", "return type("+cmd.LuaName()+")")
		if err != nil || out[0] != "function" {
			t.Errorf("%s: Lua global %s missing: %v", cmd.Name, cmd.LuaName(), err)
		}
		if back, ok := h.Sess.Registry.Lookup(cmd.LuaName()); !ok || back != cmd {
			t.Errorf("%s does not round-trip through %s", cmd.Name, cmd.LuaName())
		}
	}
}
