package cmdlet

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Context is what a running command sees: the Go context (cancelled by
// Ctrl-C), the session, its effective preferences and its output streams.
// Prefs are what the commands it calls inherit, so they never hold Force:
// the call's own -Force is Force().
type Context struct {
	context.Context
	Session *Session
	Command *Command
	Prefs   Prefs
	Bound   *Bound

	force   bool
	nested  bool // called by another command, not by the command line
	out     []any
	errs    []*ErrorRecord
	confirm *confirmState
}

// confirmState survives across the per-object calls of one command, so
// "Yes to All" and "No to All" hold for the whole pipeline.
type confirmState struct {
	yesToAll, noToAll bool
	fatal             *ErrorRecord
}

// WriteObject writes an output object to the pipeline. Structs become
// *Object values.
func (c *Context) WriteObject(v any) { c.out = append(c.out, ToObject(v)) }

// WriteHost writes text for the person at the console (stdout).
func (c *Context) WriteHost(format string, args ...any) {
	c.Session.Host.Write(StreamHost, fmt.Sprintf(format, args...))
}

// WriteVerbose writes a VERBOSE message when -Verbose is in effect, the
// session's secrets masked (the terminal host masks too; this keeps
// recording hosts and JSON logs clean as well). The message is formatted
// only then.
func (c *Context) WriteVerbose(format string, args ...any) {
	if c.Prefs.Verbose {
		c.Session.Host.Write(StreamVerbose, c.Session.Secrets.Redact(fmt.Sprintf(format, args...)))
	}
}

// WriteDebug writes a DEBUG message when -Debug is in effect, the
// session's secrets masked.
func (c *Context) WriteDebug(format string, args ...any) {
	c.WriteDebugLines(func() []string { return []string{fmt.Sprintf(format, args...)} })
}

// WriteDebugLines writes each line lines returns as a DEBUG message, the
// session's secrets masked, when -Debug is in effect; lines runs only
// then, so a trace costs nothing otherwise.
func (c *Context) WriteDebugLines(lines func() []string) {
	if !c.Prefs.Debug {
		return
	}
	for _, l := range lines() {
		c.Session.Host.Write(StreamDebug, c.Session.Secrets.Redact(l))
	}
}

// WriteWarning writes a WARNING message.
func (c *Context) WriteWarning(format string, args ...any) {
	c.Session.Host.Write(StreamWarning, fmt.Sprintf(format, args...))
}

// WriteProgress reports progress of a long operation.
func (c *Context) WriteProgress(activity string, percent int) {
	c.Session.Host.WriteProgress(Progress{Activity: activity, Percent: percent})
}

// WriteError writes a non-terminating error: processing goes on with the
// next target. Under -ErrorAction Stop it becomes terminating: no further
// ShouldProcess succeeds and the command fails with it.
func (c *Context) WriteError(err error) {
	rec := AsRecord(err)
	if rec.Command == "" {
		rec.Command = c.Command.Name
	}
	c.errs = append(c.errs, rec)
	switch c.Prefs.ErrorAction {
	case ActionStop:
		if c.confirm.fatal == nil {
			c.confirm.fatal = rec
		}
	case ActionContinue:
		c.Session.Errors = append(c.Session.Errors, rec)
		c.Session.Host.WriteError(rec)
	}
}

// Stopped reports whether the command must stop: a terminating condition
// was recorded or the context was cancelled.
func (c *Context) Stopped() bool { return c.confirm.fatal != nil || c.Err() != nil }

// Fatal returns the terminating error recorded by ShouldProcess or
// WriteError under -ErrorAction Stop, if any.
func (c *Context) Fatal() *ErrorRecord { return c.confirm.fatal }

// Force reports whether -Force was given to this call (or --force to this
// command of the command line). It is never inherited: it skips this
// command's confirmation and its restrictions that cannot lose data, and
// never allows data loss (see RefuseDataLoss).
func (c *Context) Force() bool { return c.force }

// ShouldProcess must be called before every change; it reports whether
// Decide says Proceed. With -WhatIf it prints
// `What if: Performing the operation "action" on target "target".` and
// returns false. It prompts when the command's impact reaches the confirm
// preference; when no one can answer, it records a terminating
// ConfirmationRequired error and returns false.
func (c *Context) ShouldProcess(target, action string) bool {
	return c.ShouldProcessAt(c.Command.Impact, target, action)
}

// ShouldProcessAt is ShouldProcess for a change whose impact is not the
// command's usual one: a Medium-impact command whose change this time is
// High (emptying a pool's active servers) is confirmed as High.
func (c *Context) ShouldProcessAt(impact Impact, target, action string) bool {
	return c.DecideAt(impact, target, action) == Proceed
}

// The confirmation prompt, as PowerShell words it. The explanation goes
// through the host as text and only the choice line is the prompt, so a
// line editor (which takes one line) can read the answer.
const (
	confirmChoices = `[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): `
	confirmHelp    = "Y - Continue with only the next step of the operation.\n" +
		"A - Continue with all the steps of the operation.\n" +
		"N - Skip this operation and proceed with the next operation.\n" +
		"L - Skip this operation and all subsequent operations.\n" +
		"S - Pause the current pipeline and return to the command prompt (not supported in pcsh: answer another choice).\n" +
		"? - Show this help."
	confirmSuspend = "Suspend is not supported in pcsh: there is no nested prompt. Answer Y, A, N or L."
)

func (c *Context) ask(target, action string) bool {
	if !c.Session.Host.Interactive() {
		c.confirm.fatal = confirmationRequired(c.Command.Name, target, action)
		return false
	}
	c.Session.Host.Write(StreamHost, "\nConfirm\nAre you sure you want to perform this action?\n"+operation(action, target))
	for {
		line, err := c.Session.Host.ReadLine(c, confirmChoices)
		if errors.Is(err, context.Canceled) { // Ctrl-C at the prompt
			c.confirm.fatal = AsRecord(err)
			return false
		}
		if err != nil {
			c.confirm.fatal = confirmationRequired(c.Command.Name, target, action)
			return false
		}
		switch strings.ToUpper(strings.TrimSpace(line)) {
		case "", "Y":
			return true
		case "A":
			c.confirm.yesToAll = true
			return true
		case "N":
			c.Session.Declined = true
			return false
		case "L":
			c.confirm.noToAll = true
			c.confirm.fatal = &ErrorRecord{Message: "The operation was declined with No to All.", ErrorID: "ConfirmationDeclined",
				Category: CategoryOperationStopped, Command: c.Command.Name, Target: target, Code: ExitNotConfirmed}
			return false
		case "S":
			c.Session.Host.Write(StreamHost, confirmSuspend)
		case "?":
			c.Session.Host.Write(StreamHost, confirmHelp)
		}
	}
}

func confirmationRequired(cmd, target, action string) *ErrorRecord {
	return &ErrorRecord{
		Message: `Confirmation is required to perform the operation "` + action + `" on target "` + target + `", and this run is not interactive.`,
		ErrorID: "ConfirmationRequired", Category: CategoryInvalidOperation, Command: cmd, Target: target,
		Hint: "re-run with -WhatIf to preview, or with -Confirm:$false to proceed", Code: ExitNotConfirmed,
	}
}

// Invoke runs another command from inside this one, inheriting this
// command's preferences (so a runbook's -WhatIf reaches every step) but
// not its -Force: the called command is forced only by a Force argument.
func (c *Context) Invoke(name string, args Args, input []any) ([]any, []*ErrorRecord, error) {
	cmd, ok := c.Session.Registry.Lookup(name)
	if !ok {
		return nil, nil, c.Session.Registry.NotFound(name)
	}
	return c.Session.Invoke(c, c.Prefs, cmd, args, input)
}
