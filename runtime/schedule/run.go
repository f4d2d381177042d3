package schedule

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// maxCapture bounds the output a run keeps to read its verdict.
const maxCapture = 16 << 20

// Runs runs scheduled jobs. A run is a child process of the same pcsh
// binary, so a command that panics, hangs or is killed still leaves the
// lock released and its line in the run log, and it runs exactly as the
// same command typed at a shell would, with nothing left over from
// another run in this process.
type Runs struct {
	Runner   Runner
	Pcsh     string // the pcsh binary the child runs
	StateDir string
	Now      func() time.Time
	PID      int
	Stdout   io.Writer
	Stderr   io.Writer
}

// Run runs the job's command once: non-interactive, its output as JSON
// (unless the command chooses --output) so the verdict and the step
// outcomes can be read, holding the job's lock. A run that finds the
// lock held does not start: it logs a Busy line and returns the lock's
// RunbookRunning record (exit code 5 Busy).
func (r Runs) Run(ctx context.Context, name string, env, command []string) (Record, error) {
	start := r.Now()
	rec := Record{Job: name, PID: r.PID, Start: start, Command: childArgv(r.Pcsh, command)}
	lock, err := runbook.Acquire(LockPath(r.StateDir, name), "The scheduled job "+name, runbook.Holder{PID: r.PID, Started: start})
	if err != nil {
		busy := cmdlet.AsRecord(err)
		rec.End, rec.Verdict, rec.VerdictSource, rec.ExitCode, rec.Detail = r.Now(), "Busy", "exitCode", int(busy.ExitCode()), busy.Message
		return rec, joinLog(busy, appendRecord(RunLogPath(r.StateDir, name), rec))
	}
	defer lock.Release()
	out := &capped{max: maxCapture}
	code, err := r.Runner.Run(ctx, Cmd{Path: r.Pcsh, Args: rec.Command[1:], Env: env,
		Stdout: io.MultiWriter(r.Stdout, out), Stderr: r.Stderr})
	if err != nil {
		code = int(cmdlet.ExitError)
		rec.Detail = fmt.Sprintf("cannot start %s: %v", r.Pcsh, err)
	}
	rec.End, rec.ExitCode = r.Now(), code
	judge(&rec, ReadOutcome(out.Bytes()))
	return rec, appendRecord(RunLogPath(r.StateDir, name), rec)
}

// judge sets the verdict (the objects' worst, else the exit code's name)
// and the steps' outcomes.
func judge(rec *Record, o Outcome) {
	rec.Verdict, rec.VerdictSource = o.Verdict, "objects"
	if o.Verdict == "" {
		rec.Verdict, rec.VerdictSource = ExitVerdict(rec.ExitCode), "exitCode"
	}
	if len(o.Steps) > 0 {
		rec.Changes = &Changes{Steps: o.Steps}
		for _, s := range o.Steps {
			if s.Outcome == "Done" {
				rec.Changes.StepsDone++
			}
		}
	}
}

// childArgv is the child's command line: pcsh --non-interactive, then
// --output json unless the command's own global options choose an
// output, then the command.
func childArgv(pcsh string, command []string) []string {
	argv := []string{pcsh, "--non-interactive"}
	if !choosesOutput(command) {
		argv = append(argv, "--output", "json")
	}
	return append(argv, command...)
}

func choosesOutput(command []string) bool {
	for _, a := range command {
		if !strings.HasPrefix(a, "-") {
			return false
		}
		if a == "--output" || strings.HasPrefix(a, "--output=") || a == "-output" || strings.HasPrefix(a, "-output=") {
			return true
		}
	}
	return false
}

// joinLog keeps the Busy record as the error and mentions a log failure.
func joinLog(busy *cmdlet.ErrorRecord, logErr error) error {
	if logErr != nil {
		busy.Message += fmt.Sprintf(" (The run log could not be written: %v.)", logErr)
	}
	return busy
}

// capped keeps the first max bytes written to it and drops the rest.
type capped struct {
	bytes.Buffer
	max int
}

// Write keeps what fits and reports everything written.
func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

var _ io.Writer = (*capped)(nil)
