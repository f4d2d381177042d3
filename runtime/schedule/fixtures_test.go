package schedule

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func testJob(t *testing.T, f Format, every, at, expr string) *Job {
	t.Helper()
	j := &Job{Name: "health", Format: f, Every: every, At: at, Cron: expr, Pcsh: "/usr/local/bin/pcsh",
		Env: []string{"PCSH_TOPOLOGY=/etc/pcsh/topology.lua"}, Command: []string{"Test-PcPersistentChatHealth", "-Pool", "pc 1"}}
	w, err := j.When()
	if err != nil {
		t.Fatal(err)
	}
	j.Cron = w.Expr
	return j
}

// fakeRunner records each command and answers from a script: the
// key is the command line, the value what it prints, a "!N " prefix
// making it exit N with the rest on stderr.
type fakeRunner struct {
	answers map[string]string
	calls   []string
	stdin   map[string]string
	onRun   func(c Cmd) int
}

func (f *fakeRunner) Run(_ context.Context, c Cmd) (int, error) {
	line := strings.TrimSpace(c.Path + " " + strings.Join(c.Args, " "))
	f.calls = append(f.calls, line)
	if c.Stdin != nil {
		data, _ := io.ReadAll(c.Stdin)
		if f.stdin == nil {
			f.stdin = map[string]string{}
		}
		f.stdin[line] = string(data)
	}
	if f.onRun != nil {
		return f.onRun(c), nil
	}
	a := f.answers[line]
	if code, rest, ok := strings.Cut(a, " "); ok && strings.HasPrefix(code, "!") {
		fmt.Fprint(c.Stderr, rest)
		var n int
		fmt.Sscan(code[1:], &n)
		return n, nil
	}
	fmt.Fprint(c.Stdout, a)
	return 0, nil
}

var _ Runner = (*fakeRunner)(nil)
