package testscripts

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// workLength matches the length of an nvarchar value that holds the work
// directory, which changes from run to run with the directory's name.
var workLength = regexp.MustCompile(`nvarchar\(\d+\)( = N'[^'\n]*\$WORK)`)

// cmpWork compares stdout with a golden file after writing the work
// directory as $WORK and the nvarchar length of a value holding it as n
// in both (so the golden may keep the length of the run that wrote it):
// cmpwork stdout FILE. -WhatIf output declares such values with their
// length (DECLARE @p4 nvarchar(66) = N'/tmp/…/copy/dc2-sql1'). With
// PCSH_UPDATE_GOLDEN set, a difference prints the normalized output to
// paste into the archive.
func cmpWork(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 || args[0] != "stdout" {
		ts.Fatalf("usage: cmpwork stdout FILE")
	}
	got := normalizeWork(ts.ReadFile("stdout"), ts.Getenv("WORK"))
	want := normalizeWork(ts.ReadFile(args[1]), ts.Getenv("WORK"))
	if got == want {
		return
	}
	if os.Getenv("PCSH_UPDATE_GOLDEN") != "" {
		ts.Logf("normalized stdout for %s:\n%s", args[1], got)
	}
	ts.Fatalf("stdout and %s differ (after normalizing $WORK)", args[1])
}

// normalizeWork replaces the work directory and the lengths it decides.
func normalizeWork(s, work string) string {
	s = strings.ReplaceAll(s, work, "$WORK")
	return workLength.ReplaceAllString(s, "nvarchar(n)$1")
}
