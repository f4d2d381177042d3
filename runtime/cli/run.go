package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/luahost"
	"pcsh/runtime/shell"
)

// runAction is `pcsh run FILE|NAME [args]`. A file that declares
// cmdlet{...} is a runbook: its arguments are bound like a command line's,
// common parameters included (-WhatIf dry-runs every step). Any other Lua
// file is a plain script: it gets its arguments as `...` and `arg`, and
// the common parameters among them set the session preferences (see
// scriptArgs).
func (r *runner) runAction(c *ucli.Context) error {
	if err := r.setup(c); err != nil {
		return err
	}
	args := c.Args().Slice()
	if len(args) == 0 {
		return usage("run needs a script file or runbook name")
	}
	r.holdRun(args)
	defer func() { r.typedRun(r.con.Sess.Secrets.Bound()) }() // a plain script binds as it runs
	target, rest := args[0], args[1:]
	src, err := os.ReadFile(target)
	switch {
	case err == nil && luahost.IsRunbook(string(src)):
		return r.runRunbookFile(target, string(src), rest)
	case err == nil:
		return r.runScript(target, string(src), rest)
	case errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(target, "/\\."):
		return r.runCommand(target, rest)
	}
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf("Cannot read the script: %v.", err), ErrorID: "ScriptNotFound",
		Category: cmdlet.CategoryObjectNotFound, Target: target, Code: cmdlet.ExitUsage, Err: err}
}

func (r *runner) runRunbookFile(path, src string, args []string) error {
	cmd, err := r.con.Lua.NewRunbook(luahost.RunbookName(path), path, src)
	if err != nil {
		return r.con.Lua.ErrorFrom(err)
	}
	if err := cmdlet.CheckCommand(cmd); err != nil {
		return usage("runbook %s: %v", path, err)
	}
	for _, w := range luahost.CheckHelp(cmd, src) {
		r.host.Write(cmdlet.StreamWarning, w.Error())
	}
	return r.invoke(cmd, args)
}

func (r *runner) runCommand(name string, args []string) error {
	cmd, ok := r.con.Sess.Registry.Lookup(name)
	if !ok {
		return r.con.Sess.Registry.NotFound(name)
	}
	return r.invoke(cmd, args)
}

func (r *runner) invoke(cmd *cmdlet.Command, args []string) error {
	sess := r.con.Sess
	bound := argvArgs(cmd, args)
	r.typedRun(shell.CallSecrets(cmd, bound))
	out, _, ierr := sess.Invoke(r.ctxWithInterrupt(), sess.Prefs, cmd, bound, nil)
	if perr := r.con.PrintResult(out, ierr); perr != nil && ierr == nil {
		ierr = perr
	}
	return ierr
}

func (r *runner) runScript(path, src string, args []string) error {
	rest, common, rec := scriptArgs(path, args)
	if rec != nil {
		return rec
	}
	r.con.Sess.Prefs = common.ApplyTo(r.con.Sess.Prefs)
	out, err := r.con.Lua.Exec(r.ctxWithInterrupt(), path, src, rest...)
	if perr := r.con.PrintResult(out, err); perr != nil && err == nil {
		err = perr
	}
	return err
}
