package console

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/peterh/liner"
)

// LineReader reads what the person types.
type LineReader interface {
	// Prompt shows prompt and reads one line. It returns io.EOF at end of
	// input and ErrAborted when Ctrl-C was pressed at the prompt.
	Prompt(prompt string) (string, error)
	// AppendHistory records an entered line.
	AppendHistory(line string)
	// Close saves history and restores the terminal.
	Close() error
}

// ErrAborted reports Ctrl-C at the prompt: the line is dropped, the shell
// stays.
var ErrAborted = errors.New("prompt aborted")

// SecretPrompter is a LineReader that can read a line without echoing it
// (a password).
type SecretPrompter interface {
	PasswordPrompt(prompt string) (string, error)
}

// PromptSecret reads a password from the terminal on its own: liner in
// password mode for one line, the terminal restored afterwards. It fails
// when stdin is not a terminal liner can drive.
func PromptSecret(prompt string) (string, error) {
	st := liner.NewLiner()
	defer st.Close()
	st.SetCtrlCAborts(true)
	return (&termReader{st: st}).PasswordPrompt(prompt)
}

// plainReader reads lines from a non-terminal: no prompts, no history, so
// piped sessions and tests are deterministic.
type plainReader struct{ sc *bufio.Scanner }

// NewPlainReader reads lines from r.
func NewPlainReader(r io.Reader) LineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	return &plainReader{sc: sc}
}

func (p *plainReader) Prompt(string) (string, error) {
	if p.sc.Scan() {
		return p.sc.Text(), nil
	}
	if err := p.sc.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

func (p *plainReader) AppendHistory(string) {}
func (p *plainReader) Close() error         { return nil }

// termReader is liner on a terminal, with history and completion.
type termReader struct {
	st      *liner.State
	history string
}

// NewTermReader starts liner with history from historyPath (created on
// close) and the given completer.
func NewTermReader(historyPath string, complete liner.WordCompleter) LineReader {
	st := liner.NewLiner()
	st.SetCtrlCAborts(true)
	st.SetTabCompletionStyle(liner.TabPrints)
	st.SetWordCompleter(complete)
	if f, err := os.Open(historyPath); err == nil {
		_, _ = st.ReadHistory(f)
		_ = f.Close()
	}
	return &termReader{st: st, history: historyPath}
}

func (t *termReader) Prompt(p string) (string, error) {
	line, err := t.st.Prompt(p)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrAborted
	}
	return line, err
}

// PasswordPrompt reads a line without echoing it; nothing typed reaches
// the history.
func (t *termReader) PasswordPrompt(p string) (string, error) {
	line, err := t.st.PasswordPrompt(p)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrAborted
	}
	return line, err
}

func (t *termReader) AppendHistory(line string) { t.st.AppendHistory(line) }

func (t *termReader) Close() error {
	defer t.st.Close()
	if t.history == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(t.history), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(t.history, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = t.st.WriteHistory(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// HistoryPath returns $XDG_STATE_HOME/pcsh/history, or
// ~/.local/state/pcsh/history.
func HistoryPath(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "pcsh", "history")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state", "pcsh", "history")
	}
	return ""
}
