package cmdlet

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Stream names a host output stream other than the object pipeline.
type Stream int

// The host streams. Host text and What-if lines go to stdout; the others go
// to stderr, prefixed as PowerShell prefixes them.
const (
	StreamHost Stream = iota
	StreamVerbose
	StreamWarning
	StreamDebug
	StreamError
)

// Host is the user interface a session writes to and prompts through. The
// CLI implements it over the terminal; tests use a recording host.
type Host interface {
	// Write writes one message to a stream. Stream text has no trailing
	// newline; the host adds it.
	Write(s Stream, text string)
	// WriteError displays a non-terminating error record.
	WriteError(rec *ErrorRecord)
	// WriteProgress reports the progress of a long operation (stderr).
	WriteProgress(p Progress)
	// Interactive reports whether the host can prompt a person.
	Interactive() bool
	// ReadLine prompts and reads one line; io.EOF when input ended.
	ReadLine(ctx context.Context, prompt string) (string, error)
}

// Session is one pcsh run or REPL: the commands it knows, the preferences
// its commands inherit and the injected outside world.
type Session struct {
	Host     Host
	Registry *Registry
	Prefs    Prefs
	Now      func() time.Time
	// Elapsed is the time since the session began on a monotonic clock
	// that PCSH_NOW does not fix: what deadlines and timeouts measure.
	Elapsed func() time.Duration
	Getenv  func(string) string
	Width   int            // output width for tables
	Errors  []*ErrorRecord // non-terminating errors displayed so far
	Secrets *Secrets       // values redacted from all output
	// BeforeCommand, when set, is called as each command starts, before
	// its parameters are bound. The CLI starts catching SIGINT and SIGTERM
	// there (see cli.OSStdio): a chunk that runs no command needs neither.
	BeforeCommand func()
	// Declined records that a person answered No to a confirmation: the
	// change was skipped, and a one-shot run exits with ExitNotConfirmed.
	Declined bool
	// exit is the exit code a command requested (RequestExit), nil if none.
	exit *ExitCode
	// depth counts the commands running, one inside another.
	depth int
	// state is the modules' state, reached through StateKey.
	state   map[string]any
	stateMu sync.Mutex
}

// NewSession returns a session over the built-in registry with default
// preferences and the real clock and environment.
func NewSession(h Host, getenv func(string) string) *Session {
	start := time.Now()
	return &Session{Host: h, Registry: Builtin().Clone(), Prefs: DefaultPrefs(),
		Now: time.Now, Elapsed: func() time.Duration { return time.Since(start) }, Getenv: getenv, Width: 120, Secrets: &Secrets{}}
}

// ErrSecretEchoes is returned by a host's ReadSecret when it cannot read
// without echoing (its input is not a terminal): the caller decides
// whether to warn and read a visible line instead.
var ErrSecretEchoes = errors.New("this host cannot hide what is typed")
