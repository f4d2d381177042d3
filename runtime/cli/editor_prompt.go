package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"pcsh/runtime/console"
)

// editorPrompt adapts a line editor's prompt to the host's ReadLine: the
// editor takes a one-line prompt, so the lines before the last are printed
// first, and Ctrl-C at the prompt cancels the command asking.
func (r *runner) editorPrompt(read func(string) (string, error)) func(context.Context, string) (string, error) {
	return func(_ context.Context, prompt string) (string, error) {
		if i := strings.LastIndexByte(prompt, '\n'); i >= 0 {
			fmt.Fprintln(r.host.err, prompt[:i])
			prompt = prompt[i+1:]
		}
		line, err := read(prompt)
		if errors.Is(err, console.ErrAborted) {
			return "", context.Canceled
		}
		return line, err
	}
}
