package cmdlet_test

import (
	"errors"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

type noHelp struct {
	X string `param:""`
}

func (*noHelp) Process(*cmdlet.Context) error { return nil }

type badCommon struct {
	WhatIf bool `param:"" help:"x"`
}

func (*badCommon) Process(*cmdlet.Context) error { return nil }

type gapPositions struct {
	A string `param:"position=0" help:"a"`
	B string `param:"position=2" help:"b"`
}

func (*gapPositions) Process(*cmdlet.Context) error { return nil }

type okCmd struct{}

func (*okCmd) Process(*cmdlet.Context) error { return nil }

func TestRegistryRefusesBadMetadata(t *testing.T) {
	ok := func() cmdlet.Cmdlet { return new(okCmd) }
	cases := []struct {
		info cmdlet.Info
		want string
	}{
		{cmdlet.Info{Name: "Frob-Thing", Synopsis: "x", New: ok}, "not an approved verb"},
		{cmdlet.Info{Name: "GetThing", Synopsis: "x", New: ok}, "not Verb-Noun"},
		{cmdlet.Info{Name: "Get-Thing", New: ok}, "missing synopsis"},
		{cmdlet.Info{Name: "Get-Thing", Synopsis: "x", New: func() cmdlet.Cmdlet { return new(noHelp) }}, "has no help"},
		{cmdlet.Info{Name: "Get-Thing", Synopsis: "x", New: func() cmdlet.Cmdlet { return new(badCommon) }}, "collides with a common parameter"},
		{cmdlet.Info{Name: "Get-Thing", Synopsis: "x", New: func() cmdlet.Cmdlet { return new(gapPositions) }}, "not contiguous"},
		{cmdlet.Info{Name: "Get-Thing", Synopsis: "x", Impact: cmdlet.ImpactHigh, New: ok}, "must have impact None"},
		{cmdlet.Info{Name: "Set-Thing", Synopsis: "x", Impact: cmdlet.ImpactHigh, New: ok}, "needs an example with -WhatIf"},
		{cmdlet.Info{Name: "Set-Thing", Synopsis: "x"}, "Info.New is nil"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			cmd, err := cmdlet.NewCommand(c.info)
			if err == nil {
				err = cmdlet.NewRegistry().Add(cmd)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
}

func TestRegistryRefusesDuplicates(t *testing.T) {
	r := cmdlet.NewRegistry()
	info := cmdlet.Info{Name: "Get-Thing", Synopsis: "x", New: func() cmdlet.Cmdlet { return new(okCmd) }}
	for i, want := range []bool{true, false} {
		info.Name = []string{"Get-Thing", "get-thing"}[i]
		cmd, _ := cmdlet.NewCommand(info)
		if err := r.Add(cmd); (err == nil) != want {
			t.Fatalf("add %s: %v", info.Name, err)
		}
	}
}

func TestRegisterPanicsOnBadMetadata(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Register must panic at start-up on bad metadata")
		}
	}()
	cmdlet.Register(cmdlet.Info{Name: "Frob-Thing", Synopsis: "x", New: func() cmdlet.Cmdlet { return new(okCmd) }})
}

func TestNotFoundSuggests(t *testing.T) {
	s, _ := newTestSession(t, false)
	rec := s.Registry.NotFound("Set-TestPoolStat")
	if rec.Hint != "did you mean 'Set-TestPoolState'?" || rec.ExitCode() != cmdlet.ExitUsage {
		t.Fatalf("%+v", rec)
	}
}

func TestSecretsRedact(t *testing.T) {
	s := &cmdlet.Secrets{}
	s.Add("Sup3rS3cret!")
	for in, want := range map[string]string{
		"server=x;user id=sa;password=hunter2;encrypt=true": "server=x;user id=sa;password=" + cmdlet.Mask + ";encrypt=true",
		"Connect -SqlPassword 'p w' -Server x":              "Connect -SqlPassword " + cmdlet.Mask + " -Server x",
		"login failed with Sup3rS3cret!":                    "login failed with " + cmdlet.Mask,
		"the password policy is fine":                       "the password policy is fine",
		"Server=x;PWD=abc":                                  "Server=x;PWD=" + cmdlet.Mask,
		"no secrets here":                                   "no secrets here",
	} {
		if got := s.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

type closer struct {
	closed *[]string
	name   string
}

func (c closer) Close() error { *c.closed = append(*c.closed, c.name); return nil }

func TestSessionCloseClosesModuleState(t *testing.T) {
	s, _ := newTestSession(t, false)
	var closed []string
	cmdlet.NewStateKey[closer]("b").Set(s, closer{&closed, "b"})
	cmdlet.NewStateKey[closer]("a").Set(s, closer{&closed, "a"})
	cmdlet.NewStateKey[int]("plain").Set(s, 42)
	if err := s.Close(); err != nil || strings.Join(closed, ",") != "a,b" {
		t.Fatalf("closed %v err %v", closed, err)
	}
}

// TestLazyCommandsLoadOnFirstUse: a lazy command is listed by name without
// being loaded, loaded once on lookup, and a failed load is a broken name
// whose NotFound hint says why.
func TestLazyCommandsLoadOnFirstUse(t *testing.T) {
	r := cmdlet.NewRegistry()
	loads := 0
	good := func() (*cmdlet.Command, error) {
		loads++
		return cmdlet.NewCommand(getItemsInfo)
	}
	if err := r.AddLazy("Get-TestItem", good); err != nil {
		t.Fatal(err)
	}
	if err := r.AddLazy("Get-TestBroken", func() (*cmdlet.Command, error) { return nil, errors.New("x.lua:3: syntax") }); err != nil {
		t.Fatal(err)
	}
	if names := r.Names(); len(names) != 2 || loads != 0 {
		t.Fatalf("names %v after %d loads; listing names must not load", names, loads)
	}
	for i := 0; i < 2; i++ {
		if c, ok := r.Lookup("get_testitem"); !ok || c.Name != "Get-TestItem" {
			t.Fatalf("lookup: %v %v", c, ok)
		}
	}
	if loads != 1 {
		t.Errorf("loaded %d times, want once", loads)
	}
	if _, ok := r.Lookup("Get-TestBroken"); ok {
		t.Fatal("a failed load must not define the command")
	}
	if hint := r.NotFound("Get-TestBroken").Hint; hint != "x.lua:3: syntax" {
		t.Errorf("hint %q", hint)
	}
	if cmds := r.Commands(); len(cmds) != 1 {
		t.Errorf("commands %d, want the one that loads", len(cmds))
	}
	if err := r.AddLazy("get-testitem", good); err == nil {
		t.Error("a duplicate name must be refused")
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"Get-Verb": true, "Set-CsPersistentChatState": true, "Get-Pc2": true, "ConvertTo-Json": true,
		"get-Verb": false, "Get-verb": false, "Get": false, "Get-": false, "-Verb": false,
		"Get-Verb-X": false, "Get2-Verb": false, "Get-2Verb": false, "Get_Verb": false, "Get-Vérb": false,
	} {
		if got := cmdlet.ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}
