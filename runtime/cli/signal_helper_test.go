package cli_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// signalDuringRun starts pcsh on a command that sleeps, sends sig once it
// has printed "ready", and checks that the run is cancelled: exit 130
// (Interrupted) and nothing of the rest of the run printed.
func signalDuringRun(t *testing.T, sig os.Signal) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-c", "Write-Host ready; Start-Sleep 30; Write-Host unreachable")
	cmd.Env = append(os.Environ(), "PCSH_TEST_MAIN=1", "NO_COLOR=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	r := bufio.NewReader(stdout)
	// "ready" comes after the signal handler is installed, so the signal
	// cannot arrive too early.
	if line, err := r.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("first line %q: %v", line, err)
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	rest, _ := r.ReadString(0)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit %v, want status 130; stderr %q", err, stderr.String())
	}
	if rest != "" {
		t.Errorf("the rest of the run must not run: %q", rest)
	}
}
