package cmdlet_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

func invoke(t *testing.T, s *cmdlet.Session, name string, args cmdlet.Args) ([]any, *cmdlet.ErrorRecord) {
	t.Helper()
	cmd, ok := s.Registry.Lookup(name)
	if !ok {
		t.Fatalf("no command %s", name)
	}
	out, _, err := s.Invoke(context.Background(), s.Prefs, cmd, args, nil)
	if err != nil {
		return out, cmdlet.AsRecord(err)
	}
	return out, nil
}

func named(kv ...any) cmdlet.Args {
	var a cmdlet.Args
	for i := 0; i < len(kv); i += 2 {
		a.Named = append(a.Named, cmdlet.NamedArg{Name: kv[i].(string), Value: kv[i+1]})
	}
	return a
}

func TestBindErrors(t *testing.T) {
	cases := []struct {
		name    string
		args    cmdlet.Args
		id, msg string
		hint    string
	}{
		{"unknown with hint", named("Identity", "p", "PoolSate", "Normal"), "NamedParameterNotFound",
			"A parameter cannot be found that matches parameter name 'PoolSate'.", "did you mean 'PoolState'?"},
		{"missing mandatory", named("Identity", "p"), "MissingMandatoryParameter",
			"Cannot process command because of one or more missing mandatory parameters: PoolState.", "run Get-Help Set-TestPoolState -Parameter PoolState"},
		{"bad enum", named("Identity", "p", "PoolState", "failover"), "ParameterArgumentValidationError",
			`Cannot bind parameter 'PoolState': "failover" is not one of Normal, FailedOver.`, "did you mean 'FailedOver'?"},
		{"mistyped int", named("Identity", "p", "PoolState", "Normal", "Port", 1.5), "ParameterArgumentTransformationError",
			"Cannot bind parameter 'Port': expected integer, got 1.5.", ""},
		{"ambiguous prefix", named("Identity", "p", "P", "Normal"), "AmbiguousParameter",
			"Parameter cannot be processed because the parameter name 'P' is ambiguous. Possible matches include: -PoolState -Port -PassThru -Panic.", ""},
		{"too many positionals", cmdlet.Args{Positional: []any{"a", "b"}}, "PositionalParameterNotFound",
			"A positional parameter cannot be found that accepts argument 'b'.", ""},
		{"twice", named("Identity", "a", "identity", "b"), "ParameterAlreadyBound", "", ""},
		{"missing argument", cmdlet.Args{Named: []cmdlet.NamedArg{{Name: "Identity", NoValue: true}}}, "MissingArgument", "", ""},
		{"bad error action", named("Identity", "p", "PoolState", "Normal", "ErrorAction", "Ignore"), "ParameterArgumentValidationError", "", ""},
		{"hashtable mistyped", named("Identity", "p", "PoolState", "Normal", "ActiveServers", "x"), "ParameterArgumentTransformationError", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestSession(t, false)
			_, rec := invoke(t, s, "Set-TestPoolState", c.args)
			if rec == nil {
				t.Fatal("expected a binding error")
			}
			if rec.ErrorID != c.id || rec.ExitCode() != cmdlet.ExitUsage || rec.Command != "Set-TestPoolState" {
				t.Fatalf("got %s (exit %d, command %q): %s", rec.ErrorID, rec.ExitCode(), rec.Command, rec.Message)
			}
			if c.msg != "" && rec.Message != c.msg {
				t.Errorf("message\n got %s\nwant %s", rec.Message, c.msg)
			}
			if rec.Hint != c.hint && c.hint != "" {
				t.Errorf("hint %q, want %q", rec.Hint, c.hint)
			}
		})
	}
}

func TestBindConvertsAndDefaults(t *testing.T) {
	s, _ := newTestSession(t, false)
	ht := &cmdlet.Hashtable{}
	ht.Set("Add", []any{"pc1", "pc2"})
	args := named("identity", "pool1", "poolstate", "failedover", "ActiveServers", ht, "Server", "one", "Force", true)
	out, rec := invoke(t, s, "Set-TestPoolState", args)
	if rec != nil {
		t.Fatal(rec)
	}
	o := out[0].(*cmdlet.Object)
	if v, _ := o.Get("PoolState"); v != "FailedOver" {
		t.Errorf("enum not canonicalised: %v", v)
	}
	if v, _ := o.Get("Port"); v != int64(5041) {
		t.Errorf("default not applied: %v", v)
	}
	if got := strings.Join(o.Names(), ","); got != "Identity,PoolState,Port" {
		t.Errorf("property order %s", got)
	}
}

func TestPipelineByPropertyName(t *testing.T) {
	s, _ := newTestSession(t, false)
	cmd, _ := s.Registry.Lookup("Set-TestPoolState")
	in := []any{cmdlet.NewObject("Pool").Set("Identity", "a"), cmdlet.NewObject("Pool").Set("Identity", "b")}
	out, _, err := s.Invoke(context.Background(), s.Prefs, cmd, named("PoolState", "Normal", "Force", true), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 {
		t.Fatalf("want one Process per input object, got %d outputs", len(out))
	}
	_, _, err = s.Invoke(context.Background(), s.Prefs, cmd, named("PoolState", "Normal"), []any{"scalar"})
	if cmdlet.AsRecord(err).ErrorID != "InputObjectNotBound" {
		t.Fatalf("scalar input must not bind: %v", err)
	}
}

func TestPanicBecomesRecord(t *testing.T) {
	s, _ := newTestSession(t, false)
	_, rec := invoke(t, s, "Set-TestPoolState", named("Identity", "p", "PoolState", "Normal", "Panic", true))
	if rec == nil || rec.ErrorID != "CommandPanic" || rec.ExitCode() != cmdlet.ExitError {
		t.Fatalf("got %v", rec)
	}
}

func TestNonTerminatingErrors(t *testing.T) {
	for _, c := range []struct {
		action    string
		outputs   int
		shown     int
		terminate bool
	}{{"Continue", 2, 3, false}, {"SilentlyContinue", 2, 0, false}, {"Stop", 0, 0, true}} {
		t.Run(c.action, func(t *testing.T) {
			s, h := newTestSession(t, false)
			cmd, _ := s.Registry.Lookup("Get-TestItem")
			out, errs, err := s.Invoke(context.Background(), s.Prefs, cmd,
				cmdlet.Args{Positional: []any{int64(5)}, Named: []cmdlet.NamedArg{{Name: "ErrorAction", Value: c.action}}}, nil)
			if (err != nil) != c.terminate {
				t.Fatalf("terminating error = %v", err)
			}
			if c.terminate && cmdlet.AsRecord(err).ErrorID != "ItemMissing" {
				t.Fatalf("Stop must raise the first error, got %v", err)
			}
			if !c.terminate && (len(out) != c.outputs || len(errs) != 3) {
				t.Fatalf("outputs %d errors %d", len(out), len(errs))
			}
			if got := strings.Count(h.Text(), "error: "); got != c.shown || len(s.Errors) != c.shown {
				t.Fatalf("shown %d, session errors %d, want %d", got, len(s.Errors), c.shown)
			}
		})
	}
}
