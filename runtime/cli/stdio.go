package cli

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"
)

// Stdio is the outside world Main talks to.
type Stdio struct {
	In         io.Reader
	Out        io.Writer
	Err        io.Writer
	InTTY      bool // stdin is a terminal
	OutTTY     bool // stdout is a terminal
	ErrTTY     bool // stderr is a terminal
	Getenv     func(string) string
	Interrupts <-chan os.Signal // SIGINT and SIGTERM deliveries
}

// OSStdio returns the process's standard streams, environment, SIGINT and
// SIGTERM: both cancel the run, so a runbook stops at a step boundary.
func OSStdio() Stdio {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	return Stdio{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  isatty.IsTerminal(os.Stdin.Fd()),
		OutTTY: isatty.IsTerminal(os.Stdout.Fd()),
		ErrTTY: isatty.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv, Interrupts: ch,
	}
}
