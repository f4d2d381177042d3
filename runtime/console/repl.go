package console

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/luahost"
	"pcsh/runtime/shell"
)

// The REPL prompts.
const (
	Prompt         = "pcsh> "
	ContinuePrompt = ">> "
)

// REPL reads and runs lines until end of input. Ctrl-C at the prompt drops
// the line; Ctrl-C while a command runs cancels that command only.
type REPL struct {
	Console    *Console
	Reader     LineReader
	Interrupts <-chan os.Signal // SIGINT deliveries; nil when not watched
	OnError    func(error)      // displays a terminating error
	// Record records one complete input (the transcript) and returns what
	// to call once it has run; may be nil.
	Record func(src string) (done func())
	// Clear clears the screen for cls and clear; nil when there is no
	// screen to clear (piped input), and the words then do nothing.
	Clear func()

	mu     sync.Mutex
	cancel context.CancelFunc
}

// Run loops until end of input and returns the worst exit code seen.
func (r *REPL) Run(ctx context.Context) cmdlet.ExitCode {
	stop := r.watchInterrupts()
	defer stop()
	worst := cmdlet.ExitOK
	for ctx.Err() == nil {
		code, done := r.step(ctx)
		worst = max(worst, code)
		if done {
			break
		}
	}
	if worst == cmdlet.ExitOK && len(r.Console.Sess.Errors) > 0 {
		worst = cmdlet.ExitPartialFailure
	}
	return worst
}

// step reads and runs one input and reports whether the session is over.
// A panic anywhere in it (the completer, a formatter, a value conversion)
// becomes an error record, and the shell keeps running.
func (r *REPL) step(ctx context.Context) (code cmdlet.ExitCode, done bool) {
	defer func() {
		if p := recover(); p != nil {
			r.OnError(cmdlet.PanicRecord(p))
			code, done = cmdlet.ExitError, false
		}
	}()
	src, err := r.read()
	switch {
	case errors.Is(err, io.EOF):
		return cmdlet.ExitOK, true
	case errors.Is(err, ErrAborted):
		return cmdlet.ExitOK, false
	case err != nil:
		r.OnError(err)
		return cmdlet.ExitError, true
	case strings.TrimSpace(src) == "":
		return cmdlet.ExitOK, false
	}
	if r.Record != nil {
		defer r.Record(src)()
	}
	if code, done, ok := r.builtin(src); ok {
		return code, done
	}
	return r.runLine(ctx, src), false
}

// read reads one complete input: a command line, or Lua lines until the
// chunk parses (or fails for a reason other than an early end).
func (r *REPL) read() (string, error) {
	line, err := r.Reader.Prompt(Prompt)
	if err != nil {
		return "", err
	}
	src := line
	for !shell.IsCommandLine(src) && r.incomplete(src) {
		more, err := r.Reader.Prompt(ContinuePrompt)
		if errors.Is(err, ErrAborted) { // Ctrl-C at >> drops the whole chunk
			return "", err
		}
		if err != nil {
			return src, nil // let the parser report the unfinished chunk
		}
		src += "\n" + more
	}
	r.Reader.AppendHistory(src)
	return src, nil
}

func (r *REPL) incomplete(src string) bool {
	if r.Console.Lua.Compile("=stdin", "return "+src) == nil {
		return false
	}
	return luahost.Incomplete(r.Console.Lua.Compile("=stdin", src))
}

// runLine runs one input under its own cancellable context.
func (r *REPL) runLine(ctx context.Context, src string) cmdlet.ExitCode {
	cctx, cancel := context.WithCancel(ctx)
	r.mu.Lock()
	r.cancel = cancel
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.cancel = nil
		r.mu.Unlock()
		cancel()
	}()
	if !shell.IsCommandLine(src) && r.Console.Lua.Compile("=stdin", "return "+src) == nil {
		src = "return " + src
	}
	if err := r.Console.Run(cctx, "=stdin", src); err != nil {
		r.OnError(err)
		return cmdlet.ExitCodeOf(err)
	}
	return cmdlet.ExitOK
}

func (r *REPL) watchInterrupts() func() {
	if r.Interrupts == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-r.Interrupts:
				r.mu.Lock()
				if r.cancel != nil {
					r.cancel()
				}
				r.mu.Unlock()
			}
		}
	}()
	return func() { close(done) }
}
