// Package cmdlettest provides a recording host and a session for testing
// cmdlets and the runtime without a terminal.
package cmdlettest

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"pcsh/runtime/cmdlet"
)

// Host records everything written to it and answers prompts from a script.
type Host struct {
	mu            sync.Mutex
	Lines         []string // "host: …", "verbose: …", "warning: …", "error: …"
	Prompts       []string
	Answers       []string // answers given to ReadLine in order
	IsInteractive bool
}

// Write records a stream message.
func (h *Host) Write(s cmdlet.Stream, text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Lines = append(h.Lines, streamName(s)+": "+text)
}

func streamName(s cmdlet.Stream) string {
	return [...]string{"host", "verbose", "warning", "debug", "error"}[s]
}

// WriteProgress records a progress report as "progress: activity: N% complete".
func (h *Host) WriteProgress(p cmdlet.Progress) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Lines = append(h.Lines, "progress: "+p.String())
}

// WriteError records an error record as "error: FullyQualifiedErrorId: message".
func (h *Host) WriteError(rec *cmdlet.ErrorRecord) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Lines = append(h.Lines, fmt.Sprintf("error: %s: %s", rec.FullyQualifiedErrorID(), rec.Message))
}

// Interactive reports the configured interactivity.
func (h *Host) Interactive() bool { return h.IsInteractive }

// ReadLine records the prompt and returns the next scripted answer.
func (h *Host) ReadLine(_ context.Context, prompt string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.Prompts = append(h.Prompts, prompt)
	if len(h.Answers) == 0 {
		return "", io.EOF
	}
	a := h.Answers[0]
	h.Answers = h.Answers[1:]
	return a, nil
}

// Text returns the recorded lines joined by newlines.
func (h *Host) Text() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.Lines, "\n")
}

// NewSession returns a session over the built-in registry with a fixed
// clock (2024-01-01T00:00:00Z) and an empty environment.
func NewSession(h *Host) *cmdlet.Session {
	s := cmdlet.NewSession(h, func(string) string { return "" })
	s.Now = func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
	return s
}

var _ cmdlet.Host = (*Host)(nil)
