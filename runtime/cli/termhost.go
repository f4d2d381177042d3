package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"pcsh/runtime/cmdlet"
)

// termHost is the terminal implementation of cmdlet.Host.
type termHost struct {
	mu          sync.Mutex
	out, err    io.Writer
	interactive bool
	color       bool
	jsonLog     bool
	now         func() time.Time
	secrets     *cmdlet.Secrets
	readLine    func(ctx context.Context, prompt string) (string, error)
	// readSecret reads a line without echo; nil when the input is not a
	// terminal (ReadSecret then answers cmdlet.ErrSecretEchoes).
	readSecret func(ctx context.Context, prompt string) (string, error)
	bars       *progressBars  // nil when stderr is not a terminal
	lastPct    map[string]int // plain progress: last percentage printed per activity
}

// progressDue thins plain progress lines to one per quarter (and the
// end), so logs of scheduled runs stay readable.
func (h *termHost) progressDue(p cmdlet.Progress) bool {
	act, n := p.Activity, p.Percent
	if h.lastPct == nil {
		h.lastPct = map[string]int{}
	}
	last, seen := h.lastPct[act]
	if seen && n < 100 && n-last < 25 {
		return false
	}
	h.lastPct[act] = n
	if n >= 100 {
		delete(h.lastPct, act)
	}
	return true
}

// ANSI colours for stderr streams on a terminal.
const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

var streamLabels = map[cmdlet.Stream]struct{ prefix, level, color string }{
	cmdlet.StreamVerbose: {"VERBOSE: ", "VERBOSE", ansiCyan},
	cmdlet.StreamWarning: {"WARNING: ", "WARNING", ansiYellow},
	cmdlet.StreamDebug:   {"DEBUG: ", "DEBUG", ansiCyan},
	cmdlet.StreamError:   {"", "ERROR", ansiRed},
}

// progressLabel labels progress lines, which are not a stream.
var progressLabel = struct{ prefix, level, color string }{"PROGRESS: ", "PROGRESS", ""}

// Write writes a stream message: host text to stdout, the rest to stderr.
func (h *termHost) Write(s cmdlet.Stream, text string) {
	text = h.secrets.Redact(text)
	h.mu.Lock()
	defer h.mu.Unlock()
	if s == cmdlet.StreamHost {
		fmt.Fprintln(h.out, text)
		return
	}
	h.writeLabelled(streamLabels[s], text)
}

// WriteProgress draws a bar on a terminal, or writes a PROGRESS line (one
// per quarter and the end).
func (h *termHost) WriteProgress(p cmdlet.Progress) {
	p.Activity = h.secrets.Redact(p.Activity)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.bars != nil && !h.jsonLog {
		h.bars.update(p)
		return
	}
	if h.progressDue(p) {
		h.writeLabelled(progressLabel, p.String())
	}
}

// writeLabelled writes a stderr line with its stream's prefix and colour,
// or as a JSON log line.
func (h *termHost) writeLabelled(lbl struct{ prefix, level, color string }, text string) {
	if h.jsonLog {
		h.logJSON(map[string]any{"level": lbl.level, "msg": text})
		return
	}
	h.colored(lbl.color, lbl.prefix+text)
}

func (h *termHost) colored(color, line string) {
	if h.color && color != "" {
		fmt.Fprintln(h.err, color+line+ansiReset)
		return
	}
	fmt.Fprintln(h.err, line)
}

// WriteError displays an error record in the concise view.
func (h *termHost) WriteError(rec *cmdlet.ErrorRecord) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.jsonLog {
		h.logJSON(recordJSON(rec, h.secrets))
		return
	}
	h.colored(ansiRed, h.secrets.Redact(ConciseError(rec)))
}

// ConciseError renders a record as PowerShell 7's concise view plus hint.
func ConciseError(rec *cmdlet.ErrorRecord) string {
	line := rec.Error()
	if rec.ScriptPosition != "" {
		line = rec.ScriptPosition + ": " + line
	}
	if rec.Hint != "" {
		line += "\nhint: " + rec.Hint
	}
	return line
}

func recordJSON(rec *cmdlet.ErrorRecord, s *cmdlet.Secrets) map[string]any {
	m := map[string]any{"level": "ERROR", "msg": s.Redact(rec.Message), "error_id": rec.FullyQualifiedErrorID(),
		"category": string(rec.Category)}
	for k, v := range map[string]string{"target": rec.Target, "hint": rec.Hint, "position": rec.ScriptPosition} {
		if v != "" {
			m[k] = s.Redact(v)
		}
	}
	return m
}

func (h *termHost) logJSON(m map[string]any) {
	m["time"] = h.now().UTC().Format(time.RFC3339Nano)
	data, _ := json.Marshal(m)
	fmt.Fprintln(h.err, string(data))
}

// Interactive reports whether a person can answer prompts.
func (h *termHost) Interactive() bool { return h.interactive }

// ReadLine prompts on stderr and reads a line.
func (h *termHost) ReadLine(ctx context.Context, prompt string) (string, error) {
	return h.readLine(ctx, prompt)
}

// ReadSecret prompts and reads a line without echoing it (a password), or
// fails with cmdlet.ErrSecretEchoes when this host cannot hide input.
func (h *termHost) ReadSecret(ctx context.Context, prompt string) (string, error) {
	if h.readSecret == nil || !h.interactive {
		return "", cmdlet.ErrSecretEchoes
	}
	return h.readSecret(ctx, prompt)
}

// stdinLines reads prompt answers from a reader shared with the REPL.
func stdinLines(r *bufio.Reader, w io.Writer) func(context.Context, string) (string, error) {
	return func(_ context.Context, prompt string) (string, error) {
		fmt.Fprint(w, prompt)
		s, err := r.ReadString('\n')
		if err != nil && s == "" {
			return "", err
		}
		return strings.TrimRight(s, "\r\n"), nil
	}
}

var _ cmdlet.Host = (*termHost)(nil)
