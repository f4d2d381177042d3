package cmdlet_test

import (
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

type helpless struct {
	Name string `param:"position=0"`
}

func (*helpless) Process(*cmdlet.Context) error { return nil }

// TestRegisterDerivesParametersOnFirstUse: Register checks the metadata at
// once but reflects over the parameters on the first Lookup, so a
// parameter without help leaves the command broken, with the reason.
func TestRegisterDerivesParametersOnFirstUse(t *testing.T) {
	made := 0
	cmdlet.Register(cmdlet.Info{Name: "Get-TestHelpless", Synopsis: "x",
		New: func() cmdlet.Cmdlet { made++; return new(helpless) }})
	reg := cmdlet.Builtin()
	if !reg.Has("Get-TestHelpless") || made != 0 {
		t.Fatalf("registered: %v, cmdlet made %d times before first use", reg.Has("Get-TestHelpless"), made)
	}
	sess := reg.Clone()
	if _, ok := sess.Lookup("get_testhelpless"); ok {
		t.Fatal("a parameter without help loaded")
	}
	if err := sess.Broken("Get-TestHelpless"); err == nil || !strings.Contains(err.Error(), "has no help") {
		t.Fatalf("broken = %v", err)
	}
}

// TestRegisteredCommandIsSharedBySessions: every session's registry gets
// the one Command, derived once.
func TestRegisteredCommandIsSharedBySessions(t *testing.T) {
	made := 0
	cmdlet.Register(cmdlet.Info{Name: "Get-TestShared", Synopsis: "x",
		New: func() cmdlet.Cmdlet { made++; return new(okCmd) }})
	a, okA := cmdlet.Builtin().Clone().Lookup("Get-TestShared")
	b, okB := cmdlet.Builtin().Clone().Lookup("Get-TestShared")
	if !okA || !okB || a != b || made != 1 {
		t.Fatalf("a %p (%v), b %p (%v), made %d times", a, okA, b, okB, made)
	}
}
