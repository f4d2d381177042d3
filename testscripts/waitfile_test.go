package testscripts

import (
	"os"
	"regexp"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// waitFile waits until a file exists and is not empty, or with a second
// argument until its text matches that regular expression, for at most 30
// seconds: waitfile FILE [REGEXP]. A background command (exec … &) can then
// be known to have reached a point, such as a runbook holding its lock file
// or its journal recording that a step began.
func waitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: waitfile FILE [REGEXP]")
	}
	var re *regexp.Regexp
	if len(args) == 2 {
		re = regexp.MustCompile(args[1])
	}
	deadline := time.Now().Add(30 * time.Second)
	for !fileReached(ts.MkAbs(args[0]), re) {
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not appear within 30 s", args[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// fileReached reports whether path is not empty and, given re, matches it.
func fileReached(path string, re *regexp.Regexp) bool {
	b, err := os.ReadFile(path)
	return err == nil && len(b) > 0 && (re == nil || re.Match(b))
}
