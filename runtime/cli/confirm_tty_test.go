package cli_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const confirmPrompt = `[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): `

// wait waits for pcsh to exit and returns its exit code.
func (tm *term) wait() int {
	tm.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case err := <-done:
		select { // what pcsh wrote before it exited may still be unread
		case <-tm.drained:
		case <-time.After(2 * time.Second):
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatal(err)
		}
		return 0
	case <-time.After(20 * time.Second):
		tm.t.Fatal("pcsh did not exit")
		return -1
	}
}

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// TestREPLConfirms: in the liner REPL a High-impact change asks, ? shows
// the choices, S says Suspend is not supported and asks again, Y runs the
// change, N skips it and the shell stays; Ctrl-C at >> drops the chunk;
// exit leaves with code 0.
func TestREPLConfirms(t *testing.T) {
	tm := startTerm(t, t.TempDir())
	at := tm.expect(0, "pcsh> ")

	tm.send("Invoke-PcDemoStep -Database mgc\r")
	at = tm.expect(at, "Are you sure you want to perform this action?")
	at = tm.expect(at, confirmPrompt)
	tm.send("?\r")
	at = tm.expect(at, "L - Skip this operation and all subsequent operations.")
	at = tm.expect(at, confirmPrompt)
	tm.send("s\r")
	at = tm.expect(at, "Suspend is not supported in pcsh")
	at = tm.expect(at, confirmPrompt)
	tm.send("y\r")
	at = tm.expect(at, "(demo) would now run: ALTER DATABASE [mgc] SET PARTNER FAILOVER")
	at = tm.expect(at, "pcsh> ")

	tm.send("Invoke-PcDemoStep -Database mgc2\r")
	at = tm.expect(at, confirmPrompt)
	tm.send("n\r")
	at = tm.expect(at, "pcsh> ")
	if strings.Contains(tm.screen(), "would now run: ALTER DATABASE [mgc2]") {
		t.Fatalf("N ran the change:\n%s", tm.screen())
	}

	tm.send("for i = 1, 2 do\r")
	at = tm.expect(at, ">> ")
	tm.send("\x03")
	at = tm.expect(at, "pcsh> ")
	tm.send("host.write('after ' .. 'ctrl-c')\r")
	at = tm.expect(at, "after ctrl-c")
	if strings.Contains(tm.screen(), "expected") {
		t.Fatalf("Ctrl-C at >> ran the unfinished chunk:\n%s", tm.screen())
	}
	tm.expect(at, "pcsh> ")
	tm.send("exit\r")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d after a decline in the REPL, want 0", code)
	}
}

// TestOneShotConfirms: a one-shot command, pcsh -c and pcsh run on a
// terminal ask too; Y runs the change (exit 0), N skips it and exits 3.
func TestOneShotConfirms(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		answer string
		code   int
	}{
		{"one-shot yes", []string{"Invoke-PcDemoStep", "-Database", "mgc"}, "y", 0},
		{"one-shot no", []string{"Invoke-PcDemoStep", "-Database", "mgc"}, "n", 3},
		{"-c no", []string{"-c", "Invoke_PcDemoStep{ Database = 'mgc' }"}, "n", 3},
		{"run no", []string{"run", "Invoke-PcDemoStep", "-Database", "mgc"}, "n", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := startTerm(t, t.TempDir(), c.args...)
			at := tm.expect(0, confirmPrompt)
			tm.send(c.answer + "\r")
			if code := tm.wait(); code != c.code {
				t.Fatalf("exit code %d, want %d; screen:\n%s", code, c.code, tm.screen())
			}
			ran := strings.Contains(tm.screen()[at:], "would now run")
			if ran != (c.answer == "y") {
				t.Fatalf("ran = %v after %q:\n%s", ran, c.answer, tm.screen())
			}
		})
	}
}
