package cli

import (
	"fmt"
	"io"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/help"
)

// helpAction is `pcsh help [NAME] [--full|--detailed|--examples]`.
func (r *runner) helpAction(c *ucli.Context) error {
	args := c.Args().Slice()
	if len(args) == 0 {
		r.overview(c)
		return nil
	}
	if err := r.setup(c); err != nil {
		return err
	}
	cmd, ok := r.con.Sess.Registry.Lookup(args[0])
	if !ok {
		return r.con.Sess.Registry.NotFound(args[0])
	}
	view := help.ViewDefault
	for _, f := range args[1:] {
		switch strings.TrimLeft(strings.ToLower(f), "-") {
		case "full":
			view = help.ViewFull
		case "detailed":
			view = help.ViewDetailed
		case "examples":
			view = help.ViewExamples
		default:
			return usage("unknown help option %q: use --full, --detailed or --examples", f)
		}
	}
	var b strings.Builder
	if err := help.Render(&b, cmd, view); err != nil {
		return err
	}
	_, err := io.WriteString(r.io.Out, help.Wrap(b.String(), help.Width(r.io.Getenv)))
	return err
}

func (r *runner) overview(c *ucli.Context) {
	w := r.io.Out
	fmt.Fprintf(w, "pcsh %s: a PowerShell-style Lua shell for Persistent Chat HA/DR\n\n", Version)
	fmt.Fprint(w, "USAGE\n    pcsh                          interactive shell (REPL)\n"+
		"    pcsh -c CHUNK                 run a command line or Lua chunk\n"+
		"    pcsh Verb-Noun [-Param v]     run one command\n"+
		"    pcsh run FILE|NAME [args]     run a Lua script or runbook\n"+
		"    pcsh help [NAME] [--full]     this text, or a command's help\n"+
		"    pcsh commands                 list the commands\n"+
		"    pcsh version                  print the version\n")
	for _, m := range registeredCommands() {
		fmt.Fprintf(w, "    pcsh %-24s %s\n", m.Name+" ...", m.Usage)
	}
	fmt.Fprint(w, "\nGLOBAL OPTIONS\n")
	for _, f := range globalFlags() {
		fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(f.String(), "\t", "  "))
	}
	fmt.Fprint(w, "\nENVIRONMENT\n    PCSH_PATH     directories searched for runbooks and Lua modules\n"+
		"    NO_COLOR      disables colour\n    COLUMNS       output width\n"+
		"    PCSH_NOW      fixes the clock (RFC 3339), for tests\n")
	fmt.Fprint(w, "\nEXIT CODES\n")
	for _, e := range cmdlet.ExitCodes() {
		fmt.Fprintf(w, "    %3d  %-15s %s\n", e.Code, e.Name, e.Meaning)
	}
	fmt.Fprint(w, "\n  A monitoring check (Test-PcPersistentChatHealth) and any command run with --output nagios\n"+
		"  exit with the monitoring-plugin codes of the worst finding instead, in every output mode:\n")
	for _, e := range cmdlet.PluginExitCodes() {
		fmt.Fprintf(w, "    %3d  %-15s %s\n", e.Code, e.Name, e.Meaning)
	}
}
