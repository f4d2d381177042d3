package console_test

import (
	"context"
	"io"
	"testing"

	_ "pcsh/modules/core"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/console"
	"pcsh/runtime/luahost"
)

// scriptedReader returns its lines in order; a nil entry panics, as a
// completer bug would inside liner's Prompt.
type scriptedReader struct{ lines []*string }

func (s *scriptedReader) Prompt(string) (string, error) {
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	if l == nil {
		panic("completer bug")
	}
	return *l, nil
}

func (s *scriptedReader) AppendHistory(string) {}
func (s *scriptedReader) Close() error         { return nil }

// TestREPLSurvivesPanics: a panic while reading (the completer) becomes an
// error record; the next line still runs.
func TestREPLSurvivesPanics(t *testing.T) {
	host := &cmdlettest.Host{}
	sess := cmdlettest.NewSession(host)
	lua := luahost.New(sess, nil)
	defer lua.Close()
	next := "Write-Host after"
	var shown []*cmdlet.ErrorRecord
	repl := &console.REPL{
		Console: &console.Console{Sess: sess, Lua: lua, Out: io.Discard},
		Reader:  &scriptedReader{lines: []*string{nil, &next}},
		OnError: func(err error) { shown = append(shown, cmdlet.AsRecord(err)) },
	}
	if code := repl.Run(context.Background()); code != cmdlet.ExitError {
		t.Errorf("exit code %d, want Error", code)
	}
	if len(shown) != 1 || shown[0].ErrorID != "CommandPanic" || shown[0].Message != "The command failed with an internal error: completer bug." {
		t.Errorf("errors shown: %v", shown)
	}
	if host.Text() != "host: after" {
		t.Errorf("the shell must keep running: %q", host.Text())
	}
}
