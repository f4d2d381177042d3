package all_test

import (
	"context"
	"fmt"
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

// TestBuiltinRunbooksLoad describes every embedded runbook at once, the way
// a user runbook is described at start-up. Sessions describe built-ins on
// first use only, so this is where a broken one, or help for a parameter
// it does not declare, is caught.
func TestBuiltinRunbooksLoad(t *testing.T) {
	h := luahost.New(cmdlettest.NewSession(&cmdlettest.Host{}), nil)
	defer h.Close()
	n := 0
	for _, f := range luahost.Builtins() {
		for _, err := range h.LoadRunbooks(f, "builtin:") {
			t.Error(err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no built-in runbooks registered")
	}
}

// TestEveryCmdletLoads derives every registered Go cmdlet's parameters,
// which cmdlet.Register leaves to the command's first use: a parameter
// without help, a duplicate alias or a gap in the positions fails here,
// not on a user's first call.
func TestEveryCmdletLoads(t *testing.T) {
	reg := cmdlet.Builtin()
	names := reg.Names()
	if len(names) == 0 {
		t.Fatal("no cmdlets registered")
	}
	for _, name := range names {
		if _, ok := reg.Lookup(name); !ok {
			t.Errorf("%s does not load: %v", name, reg.Broken(name))
		}
	}
}

// TestEveryExampleParsesAndBinds is what keeps help from drifting: every
// example of every cmdlet and runbook must parse as a command line and
// bind as a real call does (mandatory parameters, defaults, Validate),
// short of running it.
func TestEveryExampleParsesAndBinds(t *testing.T) {
	h := session(t)
	for _, cmd := range h.Sess.Registry.Commands() {
		if len(cmd.Examples) == 0 {
			t.Errorf("%s has no example", cmd.Name)
		}
		for _, ex := range cmd.Examples {
			for _, err := range checkExample(h.Sess, ex.Code) {
				t.Errorf("%s example %q: %v", cmd.Name, ex.Code, err)
			}
		}
	}
}

// TestExampleCheckIsAFullBind: an example that binds its names but misses
// a mandatory parameter, or fails Validate, must not pass.
func TestExampleCheckIsAFullBind(t *testing.T) {
	h := session(t)
	for _, code := range []string{"Write-Verbose", "Get-Verb | Where-Object Group Data", "Start-Sleep -1"} {
		if errs := checkExample(h.Sess, code); len(errs) == 0 {
			t.Errorf("%q passed the example check", code)
		}
	}
	if errs := checkExample(h.Sess, "Get-Verb | Where-Object Group -EQ Data"); len(errs) > 0 {
		t.Errorf("a piped stage gets its input from the pipeline: %v", errs)
	}
}

// checkExample parses an example and binds each call; a later pipeline
// stage counts its pipeline parameters as supplied by the input.
func checkExample(s *cmdlet.Session, code string) []error {
	pls, err := shell.Parse(code)
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, pl := range pls {
		for i, call := range pl.Calls {
			c, ok := s.Registry.Lookup(call.Name)
			if !ok {
				errs = append(errs, fmt.Errorf("calls unknown %s", call.Name))
				continue
			}
			if rec := cmdlet.DryBind(c, shell.Args(c, call.Elems), i > 0); rec != nil {
				errs = append(errs, fmt.Errorf("does not bind: %w", rec))
			}
		}
	}
	return errs
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
