package console

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// builtin handles the words a PowerShell user types to leave the shell or
// clear the screen: exit and quit end the REPL, cls and clear clear the
// screen. ok is false for any other input.
func (r *REPL) builtin(src string) (code cmdlet.ExitCode, done, ok bool) {
	switch strings.ToLower(strings.TrimSpace(src)) {
	case "exit", "quit":
		return cmdlet.ExitOK, true, true
	case "cls", "clear":
		if r.Clear != nil {
			r.Clear()
		}
		return cmdlet.ExitOK, false, true
	}
	return cmdlet.ExitOK, false, false
}
