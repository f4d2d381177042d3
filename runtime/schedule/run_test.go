package schedule

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

func testRuns(t *testing.T, r Runner) (Runs, *bytes.Buffer) {
	out := &bytes.Buffer{}
	return Runs{Runner: r, Pcsh: "/usr/local/bin/pcsh", StateDir: t.TempDir(), Now: func() time.Time { return testNow },
		PID: 4242, Stdout: out, Stderr: &bytes.Buffer{}}, out
}

func readLog(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestRunLogsTheWorstVerdict(t *testing.T) {
	var got Cmd
	r := &fakeRunner{onRun: func(c Cmd) int {
		got = c
		fmt.Fprint(c.Stdout, `[{"SqlInstance":"dc1-sql1","Verdict":"Healthy"},{"SqlInstance":"dc2-sql1","Verdict":"Warning"}]`)
		return 1
	}}
	runs, out := testRuns(t, r)
	rec, err := runs.Run(context.Background(), "health", []string{"PCSH_TOPOLOGY=/t.lua"}, []string{"Test-PcPersistentChatHealth"})
	if err != nil {
		t.Fatal(err)
	}
	wantArgs := []string{"--non-interactive", "--output", "json", "Test-PcPersistentChatHealth"}
	if got.Path != "/usr/local/bin/pcsh" || !slices.Equal(got.Args, wantArgs) || !slices.Equal(got.Env, []string{"PCSH_TOPOLOGY=/t.lua"}) {
		t.Errorf("ran %s %q with %q", got.Path, got.Args, got.Env)
	}
	if !strings.Contains(out.String(), `"Verdict":"Warning"`) {
		t.Errorf("the output did not pass through: %q", out)
	}
	lines := readLog(t, RunLogPath(runs.StateDir, "health"))
	want := map[string]any{"job": "health", "pid": 4242.0, "start": "2024-01-01T00:00:00Z", "end": "2024-01-01T00:00:00Z",
		"command": []any{"/usr/local/bin/pcsh", "--non-interactive", "--output", "json", "Test-PcPersistentChatHealth"},
		"verdict": "Warning", "verdictSource": "objects", "exitCode": 1.0}
	if len(lines) != 1 || fmt.Sprint(lines[0]) != fmt.Sprint(want) {
		t.Errorf("log %v\nwant %v", lines, want)
	}
	if rec.Verdict != "Warning" || rec.ExitCode != 1 {
		t.Errorf("record %+v", rec)
	}
}

func TestRunLogsRunbookSteps(t *testing.T) {
	r := &fakeRunner{onRun: func(c Cmd) int {
		fmt.Fprint(c.Stdout, `[{"Step":"Set the pool state","Outcome":"Done"},{"Step":"Activate DC2","Outcome":"AlreadyDone"}]`)
		return 0
	}}
	runs, _ := testRuns(t, r)
	rec, err := runs.Run(context.Background(), "drill", nil, []string{"run", "Invoke-PcDrill"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Verdict != "OK" || rec.VerdictSource != "exitCode" || rec.Changes == nil || rec.Changes.StepsDone != 1 || len(rec.Changes.Steps) != 2 {
		t.Errorf("record %+v changes %+v", rec, rec.Changes)
	}
}

func TestRunKeepsTheCommandsOwnOutputMode(t *testing.T) {
	var got Cmd
	runs, _ := testRuns(t, &fakeRunner{onRun: func(c Cmd) int { got = c; fmt.Fprintln(c.Stdout, "PERSISTENTCHAT OK"); return 2 }})
	rec, _ := runs.Run(context.Background(), "nagios", nil, []string{"--output", "nagios", "Test-PcPersistentChatHealth"})
	if !slices.Equal(got.Args, []string{"--non-interactive", "--output", "nagios", "Test-PcPersistentChatHealth"}) {
		t.Errorf("args %q", got.Args)
	}
	if rec.Verdict != ExitVerdict(2) || rec.VerdictSource != "exitCode" {
		t.Errorf("record %+v", rec)
	}
}

func TestRunWhileAnotherHoldsTheLockIsBusy(t *testing.T) {
	r := &fakeRunner{onRun: func(Cmd) int { t.Error("the command ran although the job was running"); return 0 }}
	runs, _ := testRuns(t, r)
	held, err := runbook.Acquire(LockPath(runs.StateDir, "health"), "The scheduled job health", runbook.Holder{PID: 77, Started: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	_, err = runs.Run(context.Background(), "health", nil, []string{"Get-Date"})
	if rec := cmdlet.AsRecord(err); rec == nil || rec.ExitCode() != cmdlet.ExitBusy || !strings.Contains(rec.Message, "process 77") {
		t.Fatalf("err = %v", err)
	}
	lines := readLog(t, RunLogPath(runs.StateDir, "health"))
	if len(lines) != 1 || lines[0]["verdict"] != "Busy" || lines[0]["exitCode"] != 5.0 || !strings.Contains(lines[0]["detail"].(string), "already running") {
		t.Errorf("log %v", lines)
	}
}
