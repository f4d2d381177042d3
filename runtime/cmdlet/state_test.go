package cmdlet_test

import (
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

func TestStateKeyIsTyped(t *testing.T) {
	s := cmdlettest.NewSession(&cmdlettest.Host{})
	key := cmdlet.NewStateKey[*int]("test.count")
	if _, ok := key.Get(s); ok {
		t.Fatal("a new session has state")
	}
	made := 0
	create := func() *int { made++; n := 7; return &n }
	if v := key.Load(s, create); *v != 7 || made != 1 {
		t.Fatalf("Load made %d, got %d", made, *v)
	}
	if v := key.Load(s, create); *v != 7 || made != 1 {
		t.Fatalf("second Load made %d", made)
	}
	cmdlet.NewStateKey[string]("test.count").Set(s, "other type")
	if _, ok := key.Get(s); ok {
		t.Error("a value of another type under the same name reads as *int")
	}
}
