package cli_test

import (
	"os"
	"testing"
)

// TestSIGINTExits130: Ctrl-C during a run cancels the running cmdlet and
// pcsh exits with Interrupted (130), without running the rest.
func TestSIGINTExits130(t *testing.T) { signalDuringRun(t, os.Interrupt) }
