package console

import (
	"context"
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
	"pcsh/runtime/luahost"
	"pcsh/runtime/shell"
)

// Console executes input in a session and prints the results.
type Console struct {
	Sess *cmdlet.Session
	Lua  *luahost.Host
	Out  io.Writer   // where Out-Default prints objects
	Mode format.Mode // --output
}

// Execute runs src: a command line when it starts with a Verb-Noun word,
// otherwise a Lua chunk. name labels Lua errors (file name or "=stdin").
func (c *Console) Execute(ctx context.Context, name, src string) ([]any, error) {
	if shell.IsCommandLine(src) {
		outs, err := shell.Run(ctx, c.Sess, src)
		var all []any
		for _, o := range outs {
			all = append(all, o...)
		}
		return all, err
	}
	return c.Lua.Exec(ctx, name, src)
}

// Print writes objects through Out-Default, redacting secrets. JSON and
// Nagios output print even without objects (an empty array, UNKNOWN).
func (c *Console) Print(objs []any) error { return c.PrintResult(objs, nil) }

// PrintResult is Print for a run that ended with err (nil if it did not
// fail): in Nagios mode the error is part of the result, which is then at
// least UNKNOWN, and the result's status is the exit code the session
// requests.
func (c *Console) PrintResult(objs []any, err error) error {
	if len(objs) == 0 && !c.Mode.Whole() {
		return nil
	}
	var b strings.Builder
	if c.Mode == format.ModeNagios {
		status, ferr := format.Nagios(&b, objs, failureText(err))
		if ferr != nil {
			return ferr
		}
		c.Sess.RequestExit(status.PluginCode())
	} else if ferr := format.Out(&b, objs, c.Mode, c.Sess.Width); ferr != nil {
		return ferr
	}
	_, werr := io.WriteString(c.Out, c.Sess.Secrets.Redact(b.String()))
	return werr
}

// failureText is a terminating error's message for a Nagios result.
func failureText(err error) string {
	if err == nil {
		return ""
	}
	rec := cmdlet.AsRecord(err)
	if rec.Command != "" {
		return rec.Command + ": " + rec.Message
	}
	return rec.Message
}

// Run executes src and prints its output; output written before a
// terminating error is still printed. The pipelines of a command line
// print one after another, as each finishes, except in JSON and Nagios
// mode, where the whole line's output is one document.
func (c *Console) Run(ctx context.Context, name, src string) error {
	if shell.IsCommandLine(src) && !c.Mode.Whole() {
		return shell.RunEach(ctx, c.Sess, src, c.Print)
	}
	out, err := c.Execute(ctx, name, src)
	if perr := c.PrintResult(out, err); perr != nil && err == nil {
		err = perr
	}
	return err
}
