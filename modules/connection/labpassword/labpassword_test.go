package labpassword

import "testing"

// TestFrom: the variable's value when set, else the documented default.
func TestFrom(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if got := From(nil); got != Default {
		t.Errorf("From(nil) = %q, want the default", got)
	}
	if got := From(getenv); got != Default || IsSet(getenv) {
		t.Errorf("unset: From = %q, IsSet = %v", got, IsSet(getenv))
	}
	env[Env] = "Own-Pw-1"
	if got := From(getenv); got != "Own-Pw-1" || !IsSet(getenv) {
		t.Errorf("set: From = %q, IsSet = %v", got, IsSet(getenv))
	}
}
