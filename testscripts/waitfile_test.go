package testscripts

import (
	"os"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// waitFile waits until a file exists and is not empty, for at most 30
// seconds: waitfile FILE. A background command (exec … &) can then be
// known to have reached a point, such as a runbook holding its lock file.
func waitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if st, err := os.Stat(ts.MkAbs(args[0])); err == nil && st.Size() > 0 {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not appear within 30 s", args[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
