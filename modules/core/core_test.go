package core_test

import (
	"context"
	"fmt"
	"testing"

	_ "pcsh/modules/core"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// run runs a command line in a fresh session and returns the output of
// its last pipeline, the terminating error as a record, and the host.
func run(t *testing.T, line string) ([]any, *cmdlet.ErrorRecord, *cmdlettest.Host) {
	t.Helper()
	h := &cmdlettest.Host{}
	outs, err := shell.Run(context.Background(), cmdlettest.NewSession(h), line)
	var out []any
	if len(outs) > 0 {
		out = outs[len(outs)-1]
	}
	if err != nil {
		return out, cmdlet.AsRecord(err), h
	}
	return out, nil, h
}

// mustRun is run for lines that must succeed.
func mustRun(t *testing.T, line string) ([]any, *cmdlettest.Host) {
	t.Helper()
	out, rec, h := run(t, line)
	if rec != nil {
		t.Fatalf("%s: %v", line, rec)
	}
	return out, h
}

// wantError checks that line fails with the error id and exit code.
func wantError(t *testing.T, line, id string, code cmdlet.ExitCode) *cmdlet.ErrorRecord {
	t.Helper()
	_, rec, _ := run(t, line)
	if rec == nil {
		t.Fatalf("%s: no error, want %s", line, id)
	}
	if rec.ErrorID != id || rec.ExitCode() != code {
		t.Errorf("%s: error %s (exit %d) %q, want %s (exit %d)", line, rec.ErrorID, rec.ExitCode(), rec.Message, id, code)
	}
	return rec
}

// describe names a value's Go type.
func describe(v any) string { return fmt.Sprintf("%T", v) }
