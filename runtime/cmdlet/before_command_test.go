package cmdlet_test

import "testing"

// TestBeforeCommandRunsAsEachCommandStarts: the hook runs before binding,
// so a call with bad parameters still runs it, and once per command.
func TestBeforeCommandRunsAsEachCommandStarts(t *testing.T) {
	s, _ := newTestSession(t, false)
	calls := 0
	s.BeforeCommand = func() { calls++ }
	if _, rec := invoke(t, s, "Set-TestPoolState", named("NoSuchParameter", 1)); rec == nil {
		t.Fatal("an unknown parameter was bound")
	}
	if _, rec := invoke(t, s, "Set-TestPoolState", named("PoolState", "Normal", "Identity", "a", "Force", true)); rec != nil {
		t.Fatal(rec)
	}
	if calls != 2 {
		t.Fatalf("BeforeCommand ran %d times for 2 commands", calls)
	}
}
