package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	_ "pcsh/modules/all"
	"pcsh/runtime/cli"
)

// TestMain lets the test binary act as pcsh when PCSH_TEST_MAIN is set, so
// the interactive tests run the real CLI under a pseudo-terminal.
func TestMain(m *testing.M) {
	if os.Getenv("PCSH_TEST_MAIN") == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
	}
	os.Exit(m.Run())
}

// term is pcsh running on a pseudo-terminal.
type term struct {
	t       *testing.T
	cmd     *exec.Cmd
	ptmx    *os.File
	mu      sync.Mutex
	out     bytes.Buffer
	drained chan struct{} // closed when the terminal has nothing more to read
}

func startTerm(t *testing.T, home string, args ...string) *term {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PCSH_SQL_USER=", "PCSH_SQL_PASSWORD=", "PCSH_TEST_MAIN=1", "HOME="+home, "XDG_STATE_HOME=", "NO_COLOR=1", "TERM=xterm")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	tm := &term{t: t, cmd: cmd, ptmx: ptmx, drained: make(chan struct{})}
	go func() {
		defer close(tm.drained)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = ptmx.Close() })
	return tm
}

// expect waits until the screen output after mark contains s.
func (tm *term) expect(mark int, s string) int {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		text := tm.out.String()
		tm.mu.Unlock()
		if i := strings.Index(text[mark:], s); i >= 0 {
			return mark + i + len(s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("timed out waiting for %q; screen:\n%s", s, tm.out.String())
	return 0
}

func (tm *term) send(s string) {
	if _, err := io.WriteString(tm.ptmx, s); err != nil {
		tm.t.Fatal(err)
	}
}

// TestInteractiveREPL drives the REPL on a terminal: tab completion of a
// command name and a ValidateSet value, Ctrl-C cancelling a running command
// while the shell stays, Ctrl-D exiting, and the history file.
func TestInteractiveREPL(t *testing.T) {
	home := t.TempDir()
	tm := startTerm(t, home)
	at := tm.expect(0, "pcsh> ")

	tm.send("Get-Ver\t -Verb Install\r")
	at = tm.expect(at, "Places a resource in a location")
	at = tm.expect(at, "pcsh> ")

	tm.send("Get-Command -CommandType Run\t\r")
	at = tm.expect(at, "Show-PcHostDemo")
	at = tm.expect(at, "pcsh> ")

	tm.send("Start-Sleep -Seconds 30\r")
	time.Sleep(300 * time.Millisecond)
	tm.send("\x03")
	at = tm.expect(at, "The operation was stopped by the user.")
	at = tm.expect(at, "pcsh> ")

	tm.send("for i = 1, 2 do\r")
	at = tm.expect(at, ">> ")
	tm.send("host.write('loop ' .. i) end\r")
	at = tm.expect(at, "loop 2")

	tm.send("\x04")
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Ctrl-D did not exit the REPL")
	}
	hist, err := os.ReadFile(filepath.Join(home, ".local", "state", "pcsh", "history"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Get-Verb -Verb Install", "Start-Sleep -Seconds 30"} {
		if !strings.Contains(string(hist), want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
}

// TestPasswordPromptHidesInput: when a command asks for a SQL login at the
// terminal, the user name echoes and the password does not, in the REPL
// and in a one-shot command.
func TestPasswordPromptHidesInput(t *testing.T) {
	const secret = "Typed-S3cret-pw"
	for _, c := range []struct {
		name string
		args []string
	}{{"repl", nil}, {"one-shot", []string{"Test-PcSqlConnection", "-SqlInstance", "127.0.0.9"}}} {
		t.Run(c.name, func(t *testing.T) {
			tm := startTerm(t, t.TempDir(), c.args...)
			at := 0
			if c.args == nil {
				at = tm.expect(at, "pcsh> ")
				tm.send("Test-PcSqlConnection -SqlInstance 127.0.0.9\r")
			}
			at = tm.expect(at, "User name for 127.0.0.9: ")
			tm.send("sa\r")
			at = tm.expect(at, "sa")
			at = tm.expect(at, "Password for sa on 127.0.0.9: ")
			tm.send(secret + "\r")
			tm.expect(at, "127.0.0.9")
			tm.mu.Lock()
			screen := tm.out.String()
			tm.mu.Unlock()
			if strings.Contains(screen, secret) {
				t.Fatalf("the password was echoed:\n%s", screen)
			}
			if strings.Contains(screen, "will be visible") {
				t.Fatalf("warned that the password would be visible on a terminal:\n%s", screen)
			}
		})
	}
}
