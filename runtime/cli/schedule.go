package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
	"pcsh/runtime/runbook"
	"pcsh/runtime/schedule"
)

func init() { RegisterCommand(scheduleCommand()) }

func scheduleCommand() *ucli.Command {
	return &ucli.Command{
		Name: "schedule", Usage: "run a command from cron, systemd or Task Scheduler: add|list|remove|run",
		Description: scheduleDescription,
		Subcommands: []*ucli.Command{
			{Name: "add", Usage: "print or install a job: add NAME --every D [--at HH:MM] | --cron EXPR [--format F] [--install] -- COMMAND…", SkipFlagParsing: true, Action: scheduleAdd},
			{Name: "list", Usage: "list the jobs pcsh installed", Action: scheduleList},
			{Name: "remove", Usage: "uninstall a job pcsh installed: remove NAME", Action: scheduleRemove},
			{Name: "run", Usage: "run a job once, as its scheduler does: run NAME [--env K=V]… -- COMMAND…", SkipFlagParsing: true, Action: scheduleRun},
		},
	}
}

const scheduleDescription = `A scheduled job runs "pcsh schedule run NAME -- COMMAND…": non-interactive,
under a lock (a second run while one is going exits 5 Busy and logs a Busy
line), appending one JSON line to schedules/NAME.jsonl in the state
directory (start, end, command, verdict, exit code, runbook steps).

   pcsh schedule add health --every 5m -- Test-PcPersistentChatHealth
   pcsh schedule add health --every 5m --format systemd --install -- Test-PcPersistentChatHealth
   pcsh schedule add nightly --at 02:30 --format schtasks -- run Backup-Nightly
   pcsh schedule add weekdays --cron '*/10 8-18 * * 1-5' -- Get-PcLogShippingStatus`

const scheduleAddUsage = `usage: pcsh schedule add NAME (--every D [--at HH:MM] | --cron EXPR) [--format cron|systemd|schtasks]
                         [--install [--force]] [--env NAME=VALUE]… [--pcsh PATH] -- COMMAND…
Prints the job's crontab line, systemd units or Task Scheduler XML; --install installs it.
`

// scheduleEnv is what every schedule subcommand gets from the outside.
type scheduleEnv struct {
	io       Stdio
	stateDir string
	sched    schedule.Scheduler
}

func newScheduleEnv(c *ucli.Context, getenv func(string) string) (*scheduleEnv, error) {
	io := StdioOf(c)
	now, err := clock(io.Getenv)
	if err != nil {
		return nil, err
	}
	dir, err := runbook.StateDir(getenv, runtime.GOOS)
	if err != nil {
		return nil, usage("Cannot find the state directory: %v", err)
	}
	in := schedule.Installer{Runner: schedule.ExecRunner{}, GOOS: runtime.GOOS, UnitDir: systemdUserDir(getenv), StateDir: dir, Now: now}
	return &scheduleEnv{io: io, stateDir: dir, sched: schedule.Scheduler{Installer: in, Out: io.Out, Err: io.Err, PID: os.Getpid()}}, nil
}

// systemdUserDir is where systemd looks for a user's own units.
func systemdUserDir(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "systemd", "user")
	}
	return filepath.Join(getenv("HOME"), ".config", "systemd", "user")
}

func scheduleAdd(c *ucli.Context) error {
	io := StdioOf(c)
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	every, at, expr := fs.String("every", "", "run every `D` (5m, 1h, 24h)"), fs.String("at", "", "anchor --every at `HH:MM` (alone: daily)"), fs.String("cron", "", "a five-field cron `EXPR`")
	form := fs.String("format", defaultFormat(), "cron, systemd or schtasks")
	install, force := fs.Bool("install", false, "install the job and record it"), fs.Bool("force", false, "replace a recorded job of the same name")
	pcsh := fs.String("pcsh", "", "the pcsh binary the entry runs (default: this one)")
	var env stringList
	fs.Var(&env, "env", "set `NAME=VALUE` for the run (repeatable)")
	pos, command, help, err := scheduleArgs(fs, c.Args().Slice(), io.Out, scheduleAddUsage)
	if help || err != nil {
		return err
	}
	j, err := newJob(io.Getenv, pos, command, *every, *at, *expr, *form, *pcsh, env)
	if err != nil {
		return err
	}
	se, err := newScheduleEnv(c, io.Getenv)
	if err != nil {
		return err
	}
	return se.sched.Add(c.Context, j, *install, *force)
}

func defaultFormat() string {
	if runtime.GOOS == "windows" {
		return string(schedule.FormatSchtasks)
	}
	return string(schedule.FormatCron)
}

// newJob builds the job add describes and checks its schedule.
func newJob(getenv func(string) string, pos, command []string, every, at, expr, form, pcsh string, env []string) (*schedule.Job, error) {
	if len(pos) != 1 || len(command) == 0 {
		return nil, usage("schedule add takes one job name, then -- and the command to run: %s", strings.TrimSpace(strings.SplitN(scheduleAddUsage, "\n", 2)[0]))
	}
	if err := schedule.CheckName(pos[0]); err != nil {
		return nil, err
	}
	if expr != "" && (every != "" || at != "") {
		return nil, usage("schedule add takes --every and --at, or --cron, not both")
	}
	if expr == "" && every == "" && at == "" {
		return nil, usage("schedule add needs --every, --at or --cron")
	}
	bin, err := pcshPath(pcsh)
	if err != nil {
		return nil, err
	}
	jobEnv, err := schedule.JobEnv(getenv, env)
	if err != nil {
		return nil, err
	}
	j := &schedule.Job{Name: pos[0], Format: schedule.Format(form), Every: every, At: at, Cron: expr, Pcsh: bin, Env: jobEnv, Command: command}
	w, err := j.When()
	if err != nil {
		return nil, err
	}
	j.Cron = w.Expr
	return j, nil
}

// pcshPath is the absolute path of the binary an entry runs: --pcsh, or
// the running one.
func pcshPath(flagged string) (string, error) {
	if flagged != "" {
		if !filepath.IsAbs(flagged) && !strings.HasPrefix(flagged, `\\`) && !(len(flagged) > 2 && flagged[1] == ':') {
			return "", usage("--pcsh must be an absolute path, not %q: a scheduler runs with another working directory and PATH", flagged)
		}
		return flagged, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find the pcsh binary: %w", err)
	}
	return self, nil
}

func scheduleList(c *ucli.Context) error {
	io := StdioOf(c)
	se, err := newScheduleEnv(c, io.Getenv)
	if err != nil {
		return err
	}
	jobs, err := se.sched.List()
	if err != nil {
		return err
	}
	if len(jobs) == 0 {
		fmt.Fprintln(io.Out, "No scheduled jobs: `pcsh schedule add NAME --every 5m --install -- COMMAND…` adds one.")
		return nil
	}
	rows := make([]any, len(jobs))
	for i, j := range jobs {
		rows[i] = cmdlet.ToObject(ScheduledJob{Name: j.Name, Format: string(j.Format), Schedule: j.Schedule(), Command: JoinArgs(j.Command)})
	}
	return format.Table(io.Out, rows, []string{"Name", "Format", "Schedule", "Command"}, width(0, io.Getenv))
}

// ScheduledJob is one row of `pcsh schedule list`.
type ScheduledJob struct {
	Name     string
	Format   string
	Schedule string
	Command  string
}

func scheduleRemove(c *ucli.Context) error {
	io := StdioOf(c)
	if c.NArg() != 1 {
		return usage("schedule remove takes one job name")
	}
	se, err := newScheduleEnv(c, io.Getenv)
	if err != nil {
		return err
	}
	return se.sched.Remove(c.Context, c.Args().First())
}

const scheduleRunUsage = `usage: pcsh schedule run NAME [--env NAME=VALUE]… -- COMMAND…
Runs the command once as pcsh --non-interactive, holding the job's lock, and logs the run.
`

func scheduleRun(c *ucli.Context) error {
	io := StdioOf(c)
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var env stringList
	fs.Var(&env, "env", "set `NAME=VALUE` for the run (repeatable)")
	pos, command, help, err := scheduleArgs(fs, c.Args().Slice(), io.Out, scheduleRunUsage)
	if help || err != nil {
		return err
	}
	if len(pos) != 1 || len(command) == 0 {
		return usage("schedule run takes one job name, then -- and the command to run")
	}
	if err := schedule.CheckName(pos[0]); err != nil {
		return err
	}
	se, err := newScheduleEnv(c, overlay(io.Getenv, env))
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find the pcsh binary: %w", err)
	}
	runs := schedule.Runs{Runner: schedule.ExecRunner{}, Pcsh: self, StateDir: se.stateDir, Now: se.sched.Now,
		PID: os.Getpid(), Stdout: io.Out, Stderr: io.Err}
	ctx, stop := interruptible(c.Context, io)
	defer stop()
	rec, err := runs.Run(ctx, pos[0], env, command)
	if err == nil && rec.ExitCode != 0 {
		err = &cmdlet.ErrorRecord{Message: fmt.Sprintf("The scheduled job %s ended with exit code %d (%s).", pos[0], rec.ExitCode, rec.Verdict),
			ErrorID: "ScheduledRunFailed", Category: cmdlet.CategoryNotSpecified, Target: pos[0], Code: cmdlet.ExitCode(rec.ExitCode)}
	}
	return err
}

// overlay is getenv with the NAME=VALUE pairs in front.
func overlay(getenv func(string) string, env []string) func(string) string {
	return func(k string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if name, v, ok := strings.Cut(env[i], "="); ok && name == k {
				return v
			}
		}
		return getenv(k)
	}
}

// interruptible cancels on SIGINT or SIGTERM, which the run passes on to
// the command as an interrupt.
func interruptible(ctx context.Context, io Stdio) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	io.watch()
	go func() {
		select {
		case <-io.Interrupts:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}
