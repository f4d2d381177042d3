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

// Print writes objects through Out-Default, redacting secrets.
func (c *Console) Print(objs []any) error {
	if len(objs) == 0 {
		return nil
	}
	var b strings.Builder
	if err := format.Out(&b, objs, c.Mode, c.Sess.Width); err != nil {
		return err
	}
	_, err := io.WriteString(c.Out, c.Sess.Secrets.Redact(b.String()))
	return err
}

// Run executes src and prints its output; output written before a
// terminating error is still printed. The pipelines of a command line
// print one after another, as each finishes, except in JSON mode, where
// the whole line's output is one document.
func (c *Console) Run(ctx context.Context, name, src string) error {
	if shell.IsCommandLine(src) && c.Mode != format.ModeJSON {
		return shell.RunEach(ctx, c.Sess, src, c.Print)
	}
	out, err := c.Execute(ctx, name, src)
	if perr := c.Print(out); perr != nil && err == nil {
		err = perr
	}
	return err
}
