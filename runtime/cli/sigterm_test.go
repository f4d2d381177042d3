//go:build unix

package cli_test

import (
	"syscall"
	"testing"
)

// TestSIGTERMExits130: SIGTERM during a run cancels it like Ctrl-C, so a
// runbook stops at a step boundary and pcsh exits Interrupted (130).
func TestSIGTERMExits130(t *testing.T) { signalDuringRun(t, syscall.SIGTERM) }
