package runbook_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// TestFaultPointBeforeTheStep: the rehearsed fault runs once, after the
// plan and before the named step, whose check is asked again: a fault
// that undoes the step makes it run, and its failure stops the run there.
func TestFaultPointBeforeTheStep(t *testing.T) {
	l := newLab()
	l.done["b"] = true
	r, h := newRunner(t, t.TempDir())
	var calls [][]string
	r.FaultAt = &runbook.FaultPoint{CrashPoint: runbook.CrashPoint{Runbook: "Invoke-PcDrill", Step: 2}, Args: []string{"lab", "fault", "kill", "x"}}
	r.Rehearse = func(_ context.Context, args []string) (string, error) {
		calls = append(calls, args)
		l.done["b"] = false
		l.fail["b"] = errors.New("x does not answer")
		return "killed x", nil
	}
	rs, err := r.Run(context.Background(), l.runbook("a", "b", "c"))
	if err == nil || outcomes(rs) != "a=Done b=Failed c=NotRun" {
		t.Fatalf("%s, %v", outcomes(rs), err)
	}
	if len(calls) != 1 || strings.Join(calls[0], " ") != "lab fault kill x" || strings.Join(l.ran, ",") != "a,b" {
		t.Errorf("rehearsals %v, ran %v", calls, l.ran)
	}
	if !strings.Contains(h.Text(), `PCSH_RUNBOOK_FAULT_BEFORE: before step 2 of 3 "b": pcsh lab fault kill x: killed x`) {
		t.Errorf("no warning naming the fault:\n%s", h.Text())
	}
}

// TestFaultPointThatFails: a fault that cannot be applied stops the run
// before the step, which does not run.
func TestFaultPointThatFails(t *testing.T) {
	l := newLab()
	r, _ := newRunner(t, t.TempDir())
	r.FaultAt = &runbook.FaultPoint{CrashPoint: runbook.CrashPoint{Runbook: "invoke-pcdrill", Step: 1}, Args: []string{"lab", "fault", "explode", "x"}}
	r.Rehearse = func(context.Context, []string) (string, error) { return "unknown fault", errors.New("exit status 2") }
	rs, err := r.Run(context.Background(), l.runbook("a", "b"))
	if cmdlet.AsRecord(err).ErrorID != "RunbookFaultFailed" || outcomes(rs) != "a=Failed b=NotRun" || len(l.ran) != 0 {
		t.Fatalf("%s, ran %v, %v", outcomes(rs), l.ran, err)
	}
}

func TestParseFaultPoint(t *testing.T) {
	if f, err := runbook.ParseFaultPoint("  "); f != nil || err != nil {
		t.Fatalf("empty: %v %v", f, err)
	}
	f, err := runbook.ParseFaultPoint("Invoke-PcPersistentChatFailback:2 lab fault kill dc2-sql1 --dir lab")
	if err != nil || f.Runbook != "Invoke-PcPersistentChatFailback" || f.Step != 2 || strings.Join(f.Args, " ") != "lab fault kill dc2-sql1 --dir lab" {
		t.Fatalf("%+v %v", f, err)
	}
	for _, bad := range []string{"Invoke-PcPersistentChatFailback:2", "lab fault kill x", "X:0 lab fault kill x"} {
		if _, err := runbook.ParseFaultPoint(bad); cmdlet.AsRecord(err).ErrorID != "RunbookFaultPointInvalid" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// FuzzParseFaultPoint: the rehearsal variables' parser never panics, and
// what it accepts names a step from 1 and at least one argument, and reads
// back the same from its own rendering.
func FuzzParseFaultPoint(f *testing.F) {
	for _, s := range []string{"", "Invoke-PcPersistentChatFailback:2 lab fault kill dc2-sql1 --dir lab", "X:0 a", "X:1", ":1 a", "a:b:3 c", "X:99999999999999999999 a", "\tX:3\n a  b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		p, err := runbook.ParseFaultPoint(v)
		if err != nil || p == nil {
			return
		}
		if p.Step < 1 || p.Runbook == "" || len(p.Args) == 0 {
			t.Fatalf("%q gave %+v", v, p)
		}
		again, err := runbook.ParseFaultPoint(p.Runbook + ":" + strconv.Itoa(p.Step) + " " + strings.Join(p.Args, " "))
		if err != nil || again.Runbook != p.Runbook || again.Step != p.Step || strings.Join(again.Args, " ") != strings.Join(p.Args, " ") {
			t.Fatalf("%q: %+v read back as %+v, %v", v, p, again, err)
		}
	})
}
