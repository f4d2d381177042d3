package cli

import (
	"os/signal"
	"syscall"
)

// terminateAtPrompt gives SIGTERM back its default action for the REPL:
// OSStdio turns it into a cancellation so that a run (pcsh run, -c, one
// command) stops at a runbook step boundary, but at an idle prompt there
// is nothing to cancel and pcsh must still end when told to.
func terminateAtPrompt() { signal.Reset(syscall.SIGTERM) }
