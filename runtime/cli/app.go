package cli

import (
	"bufio"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/console"
	"pcsh/runtime/format"
	"pcsh/runtime/luahost"
	"pcsh/runtime/shell"
)

// Version is the pcsh version, set at build time with -ldflags.
var Version = "0.1.0-dev"

// Main runs pcsh with args (without the program name) and returns the exit
// code. Only cmd/pcsh calls os.Exit.
func Main(ctx context.Context, args []string, io Stdio) int {
	r := &runner{io: io, ctx: ctx}
	if err := r.run(args); err != nil {
		r.fail(err)
	}
	r.close()
	return int(r.code)
}

// run runs the app. A panic anywhere below (a formatter, a value
// conversion) becomes an error record and the Error exit code, never a Go
// crash trace.
func (r *runner) run(args []string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = cmdlet.PanicRecord(p)
		}
	}()
	return r.app().RunContext(r.ctx, append([]string{"pcsh"}, args...))
}

// runner holds one invocation's state.
type runner struct {
	io         Stdio
	ctx        context.Context
	code       cmdlet.ExitCode
	host       *termHost
	transcript *Transcript
	runArgs    []string // pcsh run's arguments, until typedRun records them
	con        *console.Console
	cancels    []context.CancelFunc
	failed     bool // a terminating error ended the run
}

func (r *runner) app() *ucli.App {
	return &ucli.App{
		Name: "pcsh", Usage: "a PowerShell-style Lua shell for Persistent Chat HA/DR",
		UsageText: "pcsh [global options] [command | Verb-Noun [-Param value ...]]",
		Version:   Version, HideVersion: true, HideHelpCommand: true,
		Reader: r.io.In, Writer: r.io.Out, ErrWriter: r.io.Err,
		Flags:          globalFlags(),
		Commands:       append(append(r.builtinCommands(), registeredCommands()...), r.sessionSubcommands()...),
		Action:         r.defaultAction,
		Metadata:       map[string]any{"stdio": r.io},
		ExitErrHandler: func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return usage("%v", err)
		},
	}
}

func usage(format string, args ...any) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf(format, args...), ErrorID: "Usage",
		Category: cmdlet.CategoryInvalidArgument, Code: cmdlet.ExitUsage, Hint: "run pcsh help"}
}

func (r *runner) builtinCommands() []*ucli.Command {
	return []*ucli.Command{
		{Name: "run", Usage: "run a Lua script or runbook: pcsh run FILE|NAME [args]", SkipFlagParsing: true, Action: r.runAction},
		{Name: "help", Usage: "show help: pcsh help [NAME] [--full|--detailed|--examples]", SkipFlagParsing: true, Action: r.helpAction},
		{Name: "commands", Usage: "list the commands (Get-Command)", Action: r.commandsAction},
		{Name: "version", Usage: "print the version", Action: r.versionAction},
	}
}

// fail displays a terminating error and records its exit code.
func (r *runner) fail(err error) {
	rec := cmdlet.AsRecord(err)
	if r.host != nil {
		r.host.WriteError(rec)
	} else {
		fmt.Fprintln(r.io.Err, ConciseError(rec))
	}
	if c := rec.ExitCode(); c > r.code || r.code == cmdlet.ExitPartialFailure {
		r.code = c
	}
	r.failed = true
	if r.monitoring(rec) && r.code != cmdlet.ExitInterrupted {
		r.code = cmdlet.ExitPluginUnknown
	}
}

func (r *runner) close() {
	for _, cancel := range r.cancels {
		cancel()
	}
	if r.con != nil && r.code == cmdlet.ExitOK && len(r.con.Sess.Errors) > 0 {
		r.code = cmdlet.ExitPartialFailure
	}
	if r.con != nil && r.code == cmdlet.ExitOK && r.con.Sess.Declined {
		r.code = cmdlet.ExitNotConfirmed
	}
	r.requestedExit()
	if r.con != nil {
		r.con.Sess.Close()
		r.con.Lua.Close()
	}
	if r.transcript != nil {
		_ = r.transcript.Close()
	}
}

// setup builds the session, host, Lua state and console from the flags.
func (r *runner) setup(c *ucli.Context) error {
	if r.con != nil {
		return nil
	}
	now, err := clock(r.io.Getenv)
	if err != nil {
		return err
	}
	mode := format.Mode(strings.ToLower(c.String("output")))
	if !validMode(mode) {
		return usage("--output must be default, table, list, json or nagios, not %q", c.String("output"))
	}
	logFormat := c.String("log-format")
	if logFormat != "text" && logFormat != "json" {
		return usage("--log-format must be text or json, not %q", logFormat)
	}
	prefs, err := prefsFrom(c)
	if err != nil {
		return err
	}
	secrets := &cmdlet.Secrets{}
	secrets.AddEnv(r.io.Getenv)
	out, errw := r.io.Out, r.io.Err
	if p := c.String("transcript"); p != "" {
		t, err := OpenTranscript(p, now, secrets)
		if err != nil {
			return &cmdlet.ErrorRecord{Message: fmt.Sprintf("Cannot open the transcript file: %v.", err),
				ErrorID: "TranscriptOpenFailed", Category: cmdlet.CategoryResourceUnavailable, Err: err}
		}
		r.transcript = t
		out, errw = t.Tee(out, "out"), t.Tee(errw, "err")
	}
	interactive := r.io.InTTY && r.io.OutTTY && !c.Bool("non-interactive")
	r.host = &termHost{out: out, err: errw, interactive: interactive, now: now, secrets: secrets,
		color: r.io.ErrTTY && !c.Bool("no-color") && r.io.Getenv("NO_COLOR") == "", jsonLog: logFormat == "json",
		readLine: stdinLines(bufio.NewReader(r.io.In), errw)}
	if r.io.ErrTTY && interactive {
		r.host.bars = newProgressBars(errw)
	}
	if interactive {
		r.host.readSecret = func(_ context.Context, prompt string) (string, error) { return console.PromptSecret(prompt) }
	}
	sess := cmdlet.NewSession(r.host, withLabFile(r.io.Getenv, c.String("lab-file")))
	sess.Prefs, sess.Now, sess.Secrets = prefs, now, secrets
	sess.BeforeCommand = r.io.watch
	sess.Width = width(c.Int("width"), r.io.Getenv)
	lua := luahost.New(sess, searchPath(r.io.Getenv))
	r.con = &console.Console{Sess: sess, Lua: lua, Out: out, Mode: mode}
	for _, err := range append(lua.LoadBuiltin(), lua.LoadPath(searchPath(r.io.Getenv))...) {
		r.host.Write(cmdlet.StreamWarning, err.Error())
	}
	return nil
}

func validMode(m format.Mode) bool {
	for _, v := range format.Modes() {
		if m == v {
			return true
		}
	}
	return false
}

// prefsFrom binds the global flags that are common parameters (--whatif
// is -WhatIf for every command, --force -Force for the commands of the
// command line only) through the cmdlet binder.
func prefsFrom(c *ucli.Context) (cmdlet.Prefs, error) {
	var common cmdlet.Common
	for _, f := range commonFlags {
		if !c.IsSet(f.flag) {
			continue
		}
		p, rec := cmdlet.ResolveCommon(f.param)
		if rec == nil {
			rec = common.BindCommon(p, cmdlet.NamedArg{Name: f.param, Value: c.Value(f.flag)})
		}
		if rec != nil {
			return cmdlet.Prefs{}, usage("--%s: %s", f.flag, rec.Message)
		}
	}
	return common.ApplyTo(cmdlet.DefaultPrefs()), nil
}

// clock returns the session clock: PCSH_NOW (RFC 3339) fixes it for tests.
func clock(getenv func(string) string) (func() time.Time, error) {
	s := getenv("PCSH_NOW")
	if s == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, usage("PCSH_NOW must be an RFC 3339 time such as 2024-01-01T00:00:00Z, not %q", s)
	}
	return func() time.Time { return t }, nil
}

func width(flag int, getenv func(string) string) int {
	if flag > 0 {
		return flag
	}
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 120
}

// searchPath splits PCSH_PATH (the OS list separator) into directories.
func searchPath(getenv func(string) string) []string {
	var out []string
	for _, d := range filepath.SplitList(getenv("PCSH_PATH")) {
		if d != "" {
			out = append(out, d)
		}
	}
	return out
}

var verbNounRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$`) })

// defaultAction runs -c, a one-shot command (pcsh Get-Command …), or the
// REPL.
func (r *runner) defaultAction(c *ucli.Context) error {
	if err := r.setup(c); err != nil {
		return err
	}
	if c.IsSet("c") {
		defer r.record(c.String("c"))()
		return r.con.Run(r.ctxWithInterrupt(), "=(command line)", c.String("c"))
	}
	if c.NArg() > 0 {
		if first := c.Args().First(); !verbNounRE().MatchString(first) && shell.ResolveAlias(first) == first {
			return usage("unknown command %q", c.Args().First())
		}
		line := JoinArgs(c.Args().Slice())
		defer r.record(line)()
		return r.con.Run(r.ctxWithInterrupt(), "=(command line)", line)
	}
	return r.repl()
}

// ctxWithInterrupt cancels the run on SIGINT.
func (r *runner) ctxWithInterrupt() context.Context {
	ctx, cancel := context.WithCancel(r.ctx)
	r.cancels = append(r.cancels, cancel)
	if r.io.Interrupts != nil {
		go func() {
			select {
			case <-r.io.Interrupts:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	return ctx
}

func (r *runner) repl() error {
	r.io.watch()
	terminateAtPrompt()
	var reader console.LineReader
	if r.host.interactive {
		reader = console.NewTermReader(console.HistoryPath(r.io.Getenv), console.Completer{Registry: r.con.Sess.Registry}.Complete)
		r.host.readLine = r.editorPrompt(reader.Prompt)
		r.host.readSecret = r.editorPrompt(reader.(console.SecretPrompter).PasswordPrompt)
	} else {
		reader = console.NewPlainReader(r.io.In)
		r.host.readLine = func(_ context.Context, prompt string) (string, error) {
			fmt.Fprint(r.host.err, prompt)
			return reader.Prompt(prompt)
		}
	}
	defer reader.Close()
	repl := &console.REPL{Console: r.con, Reader: reader, Interrupts: r.io.Interrupts, OnError: r.showError}
	if r.transcript != nil {
		repl.Record = r.record
	}
	if r.host.interactive {
		repl.Clear = func() { fmt.Fprint(r.host.out, "\x1b[H\x1b[2J") }
	}
	r.code = repl.Run(r.ctx)
	r.con.Sess.ClearRequestedExit() // the REPL's exit code is its own
	r.con.Sess.Declined = false     // in the REPL a decline skips the change and the shell goes on
	return nil
}

func (r *runner) showError(err error) { r.host.WriteError(cmdlet.AsRecord(err)) }

func (r *runner) versionAction(c *ucli.Context) error {
	gov := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		gov = bi.GoVersion
	}
	fmt.Fprintf(r.io.Out, "pcsh version %s (%s)\n", Version, gov)
	return nil
}

func (r *runner) commandsAction(c *ucli.Context) error {
	if err := r.setup(c); err != nil {
		return err
	}
	return r.con.Run(r.ctx, "=(command line)", "Get-Command")
}

// JoinArgs rebuilds a command line from argv, quoting words that the shell
// already unquoted and that contain spaces or quotes.
func JoinArgs(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"|;") && !strings.HasPrefix(a, "@{") && !strings.HasPrefix(a, "@(") {
			a = "'" + strings.ReplaceAll(a, "'", "''") + "'"
		}
		parts[i] = a
	}
	return strings.Join(parts, " ")
}
