package runbook_test

import (
	"context"
	"strings"
	"testing"

	"pcsh/runtime/runbook"
)

// killed is what a rehearsal's Kill panics with in these tests, standing
// in for the end of the process.
type killed struct{}

// runUntilKilled runs rb with r and reports whether Kill was called.
func runUntilKilled(t *testing.T, r *runbook.Runner, rb *runbook.Runbook) (died bool) {
	t.Helper()
	r.Kill = func() { panic(killed{}) }
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(killed); !ok {
				panic(p)
			}
			died = true
		}
	}()
	_, _ = r.Run(context.Background(), rb)
	return false
}

// TestCrashPointKillsAfterTheAction: the process dies after the action of
// the named step, whose outcome never reaches the journal; the next run
// says where it stopped, finds the step done by its check and goes on.
func TestCrashPointKillsAfterTheAction(t *testing.T) {
	dir := t.TempDir()
	l := newLab()
	r, h := newRunner(t, dir)
	r.CrashAt = &runbook.CrashPoint{Runbook: "invoke-pcdrill", Step: 2}
	if !runUntilKilled(t, r, l.runbook("a", "b", "c")) {
		t.Fatal("the run was not killed at its crash point")
	}
	if got := strings.Join(l.ran, ","); got != "a,b" {
		t.Errorf("ran %s", got)
	}
	if want := "start/1 begin/1:a step/1:a:Done begin/1:b"; events(journal(t, dir)) != want {
		t.Errorf("journal %s, want %s", events(journal(t, dir)), want)
	}
	if !strings.Contains(h.Text(), `PCSH_RUNBOOK_CRASH_AFTER: killing pcsh after the action of step 2 of 3 "b"`) {
		t.Errorf("no warning before the kill:\n%s", h.Text())
	}
	r2, h2 := newRunner(t, dir)
	rs, err := r2.Run(context.Background(), l.runbook("a", "b", "c"))
	if err != nil || outcomes(rs) != "a=AlreadyDone b=AlreadyDone c=Done" {
		t.Errorf("resumed: %s, %v", outcomes(rs), err)
	}
	if !strings.Contains(h2.Text(), `it stopped during step 2 "b", which recorded no outcome (its process ended)`) {
		t.Errorf("the resumed plan does not say where it stopped:\n%s", h2.Text())
	}
}

// TestCrashPointOtherRunbook: a crash point names one runbook; another
// runbook with as many steps runs through.
func TestCrashPointOtherRunbook(t *testing.T) {
	r, _ := newRunner(t, t.TempDir())
	r.CrashAt = &runbook.CrashPoint{Runbook: "Install-PcPersistentChatHadr", Step: 1}
	if runUntilKilled(t, r, newLab().runbook("a", "b")) {
		t.Error("a crash point of another runbook killed this one")
	}
}

func TestParseCrashPoint(t *testing.T) {
	if c, err := runbook.ParseCrashPoint(""); c != nil || err != nil {
		t.Errorf("empty: %v, %v", c, err)
	}
	c, err := runbook.ParseCrashPoint("Invoke-PcPersistentChatFailback:5")
	if err != nil || *c != (runbook.CrashPoint{Runbook: "Invoke-PcPersistentChatFailback", Step: 5}) {
		t.Errorf("parsed %+v, %v", c, err)
	}
	for _, bad := range []string{"Invoke-X", "Invoke-X:", ":3", "Invoke-X:0", "Invoke-X:two"} {
		if _, err := runbook.ParseCrashPoint(bad); err == nil || !strings.Contains(err.Error(), "is not RUNBOOK:STEP") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
