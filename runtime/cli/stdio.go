package cli

import (
	"io"
	"os"
	"os/signal"
	"sync"
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
	// Watch starts delivering SIGINT and SIGTERM to Interrupts (once, however
	// often it is called); nil when they are delivered from the start.
	Watch func()
}

// watch starts delivering the signals to Interrupts.
func (s Stdio) watch() {
	if s.Watch != nil {
		s.Watch()
	}
}

// OSStdio returns the process's standard streams, environment, SIGINT and
// SIGTERM: both cancel the run, so a runbook stops at a step boundary.
//
// The signals are caught from the first command a run invokes
// (Session.BeforeCommand), the REPL's start or a scheduled run's, not at
// start-up: signal.Notify waits for the Go runtime to start a thread of
// its own for signals, half a millisecond of every cold start on a loaded
// machine, and a chunk that runs no command has nothing to stop at a step
// boundary (a signal ends it as it ends any program).
func OSStdio() Stdio {
	ch := make(chan os.Signal, 1)
	return Stdio{Watch: sync.OnceFunc(func() { signal.Notify(ch, os.Interrupt, syscall.SIGTERM) }),
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  isatty.IsTerminal(os.Stdin.Fd()),
		OutTTY: isatty.IsTerminal(os.Stdout.Fd()),
		ErrTTY: isatty.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv, Interrupts: ch,
	}
}
