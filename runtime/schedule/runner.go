package schedule

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Cmd is a process to run: the installer commands (crontab, systemctl,
// schtasks) and a scheduled run's pcsh child.
type Cmd struct {
	Path   string
	Args   []string
	Env    []string // added to this process's environment
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Runner runs processes; tests inject a fake. Run returns the exit code,
// and an error only when the process could not be run at all.
type Runner interface {
	Run(ctx context.Context, c Cmd) (int, error)
}

// ExecRunner runs processes with os/exec. A cancelled context sends the
// process an interrupt (SIGINT, so a runbook stops at a step boundary)
// and kills it only if it has not ended 30 s later.
type ExecRunner struct{}

// Run runs c and waits for it.
func (ExecRunner) Run(ctx context.Context, c Cmd) (int, error) {
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
	cmd.Env = append(os.Environ(), c.Env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, c.Stdout, c.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	if err != nil {
		return -1, err
	}
	return 0, nil
}

// output runs an installer command and returns its standard output; a
// non-zero exit is an error that quotes its standard error.
func output(ctx context.Context, r Runner, stdin string, name string, args ...string) (string, error) {
	var out, errb bytes.Buffer
	code, err := r.Run(ctx, Cmd{Path: name, Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	if err != nil {
		return "", err
	}
	if code != 0 {
		return out.String(), &CommandError{Argv: append([]string{name}, args...), Code: code, Stderr: strings.TrimSpace(errb.String())}
	}
	return out.String(), nil
}

// CommandError is an installer command that exited non-zero.
type CommandError struct {
	Argv   []string
	Code   int
	Stderr string
}

// Error says which command failed, how, and what it wrote.
func (e *CommandError) Error() string {
	return fmt.Sprintf("%s exited %d: %s", strings.Join(e.Argv, " "), e.Code, e.Stderr)
}

var _ Runner = ExecRunner{}
