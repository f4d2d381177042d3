package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"pcsh/runtime/cmdlet"
)

// Transcript records everything typed and printed, one timestamped line at
// a time, with secrets redacted (PowerShell's Start-Transcript).
type Transcript struct {
	mu      sync.Mutex
	f       io.WriteCloser
	now     func() time.Time
	secrets *cmdlet.Secrets
}

// OpenTranscript appends to path, creating it readable by its owner only.
func OpenTranscript(path string, now func() time.Time, secrets *cmdlet.Secrets) (*Transcript, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	t := &Transcript{f: f, now: now, secrets: secrets}
	t.line("**", fmt.Sprintf("pcsh transcript start %s", now().UTC().Format(time.RFC3339)))
	return t, nil
}

// Input records a line the person typed.
func (t *Transcript) Input(line string) { t.line(">", line) }

// typed records input given on the command line (-c, a one-shot command,
// run FILE args) in the transcript, if there is one.
func (r *runner) typed(line string) {
	if r.transcript != nil {
		r.transcript.Input(line)
	}
}

func (t *Transcript) line(tag, text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range bytes.Split([]byte(t.secrets.Redact(text)), []byte("\n")) {
		fmt.Fprintf(t.f, "[%s] %s %s\n", t.now().UTC().Format(time.RFC3339), tag, l)
	}
}

// Close writes the end marker and closes the file.
func (t *Transcript) Close() error {
	t.line("**", "pcsh transcript end")
	return t.f.Close()
}

// Tee returns a writer that writes to w and records complete lines with
// tag ("out" or "err") in the transcript.
func (t *Transcript) Tee(w io.Writer, tag string) io.Writer {
	return &teeWriter{w: w, t: t, tag: tag}
}

type teeWriter struct {
	w   io.Writer
	t   *Transcript
	tag string
	buf []byte
}

func (tw *teeWriter) Write(p []byte) (int, error) {
	tw.buf = append(tw.buf, p...)
	for {
		i := bytes.IndexByte(tw.buf, '\n')
		if i < 0 {
			break
		}
		tw.t.line(tw.tag, string(tw.buf[:i]))
		tw.buf = tw.buf[i+1:]
	}
	return tw.w.Write(p)
}
