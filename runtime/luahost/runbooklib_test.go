package luahost_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/luahost"
)

// drillBook is a Lua runbook of three steps over a Lua table `lab`; the
// second step's action fails while lab.broken is set, and the third's
// verification fails while lab.lost is set.
const drillBook = `
lab = lab or { broken = true }
local rb = runbook{ name = "Invoke-PcDrill", key = "pc.lab.local" }
rb:precondition{ "The lab answers", check = function() return true, "it answers" end }
for _, name in ipairs{ "marker", "table", "count" } do
  rb:step{ "Create the " .. name,
    check = function() return lab[name] == true, name .. (lab[name] and " exists" or " is missing") end,
    action = function()
      if host.should_process("pc.lab.local", "CREATE " .. name) then
        if name == "table" and lab.broken then host.throw{ Message = "The share is unreachable.", ErrorId = "ShareUnreachable" } end
        lab[name] = not (name == "count" and lab.lost)
      end
    end,
    verify = function() return lab[name] == true, "expected the " .. name .. " to exist" end,
  }
end
rb:run()
`

func newRunbookHost(t *testing.T) (*luahost.Host, *cmdlettest.Host, string) {
	t.Helper()
	dir := t.TempDir()
	rec := &cmdlettest.Host{}
	sess := cmdlettest.NewSession(rec)
	sess.Getenv = func(k string) string {
		if k == "PCSH_STATE_DIR" {
			return dir
		}
		return ""
	}
	h := luahost.New(sess, nil)
	t.Cleanup(h.Close)
	return h, rec, dir
}

func stepRows(out []any) string {
	var rows []string
	for _, o := range out {
		obj := o.(*cmdlet.Object)
		step, _ := obj.Get("Step")
		outcome, _ := obj.Get("Outcome")
		rows = append(rows, step.(string)+"="+outcome.(string))
	}
	return strings.Join(rows, "; ")
}

// TestLuaRunbookFailsThenResumes: rb:run() writes one object per step; a
// step whose action raises fails the run with a StepFailed record after
// the objects; the re-run resumes at that step and the run after it says
// every step is done.
func TestLuaRunbookFailsThenResumes(t *testing.T) {
	h, rec, dir := newRunbookHost(t)
	out, err := h.Exec(context.Background(), "drill.lua", drillBook)
	var er *cmdlet.ErrorRecord
	if !errors.As(err, &er) || er.ErrorID != "StepFailed" || !strings.Contains(er.Message, `step 2 of 3 "Create the table" failed: The share is unreachable.`) {
		t.Fatalf("error %v", err)
	}
	if got := stepRows(out); got != "Create the marker=Done; Create the table=Failed; Create the count=NotRun" {
		t.Errorf("objects %s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "runbooks", "Invoke-PcDrill@pc.lab.local.jsonl")); err != nil {
		t.Errorf("no journal: %v", err)
	}
	out = run(t, h, "lab.broken = false\n"+drillBook)
	if got := stepRows(out); got != "Create the marker=AlreadyDone; Create the table=Done; Create the count=Done" {
		t.Errorf("resumed objects %s", got)
	}
	if !strings.Contains(rec.Text(), `host: Resuming run 1`) {
		t.Errorf("host:\n%s", rec.Text())
	}
	out = run(t, h, drillBook)
	if got := stepRows(out); strings.Count(got, "AlreadyDone") != 3 || !strings.HasSuffix(rec.Text(), "host: Every step is already done: nothing changed.") {
		t.Errorf("third run: %s\n%s", got, rec.Text())
	}
}

// TestLuaRunbookVerifyFails: a verification returning false fails the
// step with what was expected.
func TestLuaRunbookVerifyFails(t *testing.T) {
	h, _, _ := newRunbookHost(t)
	_, err := h.Exec(context.Background(), "drill.lua", "lab = { lost = true }\n"+drillBook)
	var er *cmdlet.ErrorRecord
	if !errors.As(err, &er) || er.ErrorID != "StepNotVerified" || er.Message != `The step 3 of 3 "Create the count" did not verify: expected the count to exist.` {
		t.Fatalf("error %v", err)
	}
}

// TestLuaRunbookWhatIf: under -WhatIf the plan and every step's What if
// line print in order, nothing changes and no journal is written.
func TestLuaRunbookWhatIf(t *testing.T) {
	h, rec, dir := newRunbookHost(t)
	h.Sess.Prefs.WhatIf = true
	out := run(t, h, "lab = { marker = true }\n"+drillBook+"\nreturn lab.table == nil")
	if len(out) != 1 || out[0] != true {
		t.Errorf("output %v: want no step objects and the table not created", out)
	}
	want := `host: Invoke-PcDrill on pc.lab.local: 3 steps.
host:   1. Create the marker  done: marker exists
host:   2. Create the table   to do: table is missing
host:   3. Create the count   to do: count is missing
host: Step 1 of 3 "Create the marker": already done.
host: Step 2 of 3 "Create the table":
host: What if: Performing the operation "CREATE table" on target "pc.lab.local".
host: Step 3 of 3 "Create the count":
host: What if: Performing the operation "CREATE count" on target "pc.lab.local".`
	if rec.Text() != want {
		t.Errorf("host\n got %s\nwant %s", rec.Text(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "runbooks")); err == nil {
		t.Error("-WhatIf wrote to the state directory")
	}
}

// TestLuaRunbookInsideACommand: in a runbook command the name defaults to
// the command's and -WhatIf given to it reaches the steps.
func TestLuaRunbookInsideACommand(t *testing.T) {
	h, rec, _ := newRunbookHost(t)
	cmd, err := h.NewRunbook("Invoke-PcNote", "Invoke-PcNote.lua", `--[[
.SYNOPSIS
Notes.

.EXAMPLE
Invoke-PcNote -WhatIf
Shows the note.
]]
cmdlet{ impact = "Low" }
local rb = runbook{ key = "lab" }
rb:step{ "Note", action = function() host.should_process("lab", "NOTE") end }
rb:run()`)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Define(cmd); err != nil {
		t.Fatal(err)
	}
	run(t, h, `Invoke_PcNote{ WhatIf = true }`)
	if !strings.Contains(rec.Text(), "host: Invoke-PcNote on lab: 1 step.\n") || !strings.Contains(rec.Text(), `What if: Performing the operation "NOTE"`) {
		t.Errorf("host:\n%s", rec.Text())
	}
}

// TestLuaRunbookRejectsMistakes: unknown keys suggest the right one, a
// step needs an action, a check must return a boolean.
func TestLuaRunbookRejectsMistakes(t *testing.T) {
	cases := map[string]string{
		`runbook{ name = "X-Y", kye = "p" }`:                                                  `runbook{} takes no "kye"; it takes name, key; did you mean "key"?`,
		`runbook{ name = "X-Y" }:step{ "s", action = function() end, chek = function() end }`: `did you mean "check"?`,
		`runbook{ name = "X-Y" }:step{ "s" }`:                                                 `rb:step{} "s" needs action`,
		`runbook{ key = "p" }`:                                                                `outside a runbook needs a name`,
		`local rb = runbook{ name = "X-Y" }; rb:step{ "s", check = function() return "yes" end, action = function() end }; rb:run()`: `the check of step s returned string; return true or false`,
	}
	for src, want := range cases {
		h, _, _ := newRunbookHost(t)
		_, err := h.Exec(context.Background(), "bad.lua", src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", src, err, want)
		}
	}
}

// TestLuaRunbookInterrupted: a context cancelled during a step's action
// (Ctrl-C, SIGTERM) stops the run there with exit code Interrupted, the
// next step never starts, a warning says where it stopped, and the
// journal records the step as interrupted.
func TestLuaRunbookInterrupted(t *testing.T) {
	h, rec, dir := newRunbookHost(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := h.Exec(ctx, "stop.lua", `
		next_ran = false
		local rb = runbook{ name = "Invoke-PcDrill", key = "lab" }
		rb:step{ "Wait", action = function() Start_Sleep{ Seconds = 30 } end }
		rb:step{ "Next", action = function() next_ran = true end }
		rb:run()`)
	if cmdlet.ExitCodeOf(err) != cmdlet.ExitInterrupted {
		t.Fatalf("error %v, want Interrupted", err)
	}
	if !strings.Contains(rec.Text(), `warning: Invoke-PcDrill on lab was interrupted at step 1 of 2 "Wait"`) {
		t.Errorf("host:\n%s", rec.Text())
	}
	if out := run(t, h, "return next_ran"); out[0] != false {
		t.Error("the next step ran")
	}
	data, _ := os.ReadFile(filepath.Join(dir, "runbooks", "Invoke-PcDrill@lab.jsonl"))
	if !strings.Contains(string(data), `"step":"Wait","outcome":"Interrupted"`) {
		t.Errorf("journal:\n%s", data)
	}
}
