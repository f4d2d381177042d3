package cli

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"

	"pcsh/runtime/cmdlet"
)

// Transcript records everything typed and printed, one timestamped line at
// a time, with secrets redacted (PowerShell's Start-Transcript). Input is
// recorded once its secrets are known (see runner.record): a command line
// after binding it, a Lua chunk after it has run, its output held back
// until then so the file keeps the order things happened in.
type Transcript struct {
	mu      sync.Mutex
	f       io.WriteCloser
	now     func() time.Time
	secrets *cmdlet.Secrets
	held    []heldLine // lines waiting for the input they follow
	holding bool
	heldAt  time.Time // when Hold was called: the input's time
}

// heldLine is a line recorded while the transcript holds, with its time.
type heldLine struct {
	at        time.Time
	tag, text string
}

// OpenTranscript appends to path, creating it readable by its owner only
// and refusing a symbolic link (openTranscriptFile).
func OpenTranscript(path string, now func() time.Time, secrets *cmdlet.Secrets) (*Transcript, error) {
	f, err := openTranscriptFile(path)
	if err != nil {
		return nil, err
	}
	t := &Transcript{f: f, now: now, secrets: secrets}
	t.line("**", fmt.Sprintf("pcsh transcript start %s", now().UTC().Format(time.RFC3339)))
	return t, nil
}

// Input records a line the person typed, as given: the caller has masked
// what binding revealed.
func (t *Transcript) Input(line string) { t.line(">", line) }

// Hold starts holding lines back until Release.
func (t *Transcript) Hold() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.holding, t.heldAt = true, t.now()
}

// Release records input, timed when Hold was called, then the lines held
// since, all redacted with the secrets known now.
func (t *Transcript) Release(input string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	held := t.held
	t.held, t.holding = nil, false
	t.write(t.heldAt, ">", input)
	for _, h := range held {
		t.write(h.at, h.tag, h.text)
	}
}

func (t *Transcript) line(tag, text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.holding {
		t.held = append(t.held, heldLine{at: t.now(), tag: tag, text: text})
		return
	}
	t.write(t.now(), tag, text)
}

// write records text, one file line per line of text; t.mu is held.
func (t *Transcript) write(at time.Time, tag, text string) {
	for _, l := range bytes.Split([]byte(t.secrets.Redact(text)), []byte("\n")) {
		fmt.Fprintf(t.f, "[%s] %s %s\n", at.UTC().Format(time.RFC3339), tag, l)
	}
}

// Close writes what is held and the end marker, and closes the file.
func (t *Transcript) Close() error {
	t.mu.Lock()
	t.holding = false
	for _, h := range t.held {
		t.write(h.at, h.tag, h.text)
	}
	t.held = nil
	t.mu.Unlock()
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
