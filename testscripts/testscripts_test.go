// Package testscripts holds pcsh's CLI golden tests: txtar scripts run by
// rogpeppe/go-internal/testscript against the real CLI entry point.
// PCSH_UPDATE_GOLDEN=1 rewrites the expected outputs inside the archives.
package testscripts

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	_ "pcsh/modules/all"
	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cli"
	"pcsh/runtime/cmdlet"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pcsh": func() {
			if os.Getenv("PCSH_TEST_PANIC") != "" {
				cmdlet.Register(panickerInfo)
			}
			os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
		},
	})
}

func TestCLI(t *testing.T)      { run(t, "cli") }
func TestHelp(t *testing.T)     { run(t, "help") }
func TestREPL(t *testing.T)     { run(t, "repl") }
func TestErrors(t *testing.T)   { run(t, "errors") }
func TestRunbooks(t *testing.T) { run(t, "runbooks") }
func TestCmdlets(t *testing.T)  { run(t, "cmdlets") }

// TestLab runs whole drills on lab instances started by pcsh lab up.
func TestLab(t *testing.T)      { run(t, "lab") }
func TestTopology(t *testing.T) { run(t, "topology") }
func TestPchat(t *testing.T)    { run(t, "pchat") }

func TestConnection(t *testing.T) { run(t, "connection") }
func TestLogship(t *testing.T)    { run(t, "logship") }

func TestMirror(t *testing.T) { run(t, "mirror") }

// TestBackup runs Backup-PcDatabase and Restore-PcDatabase goldens.
func TestBackup(t *testing.T) { run(t, "backup") }

// TestHealth runs Test-PcPersistentChatHealth on a lab with faults
// injected, and the --output nagios and json goldens.
func TestHealth(t *testing.T) { run(t, "health") }

// TestSchedule runs pcsh schedule goldens: the three formats, installs
// through fake crontab and systemctl, the run log and the run lock.
func TestSchedule(t *testing.T) { run(t, "schedule") }

func run(t *testing.T, dir string) {
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		UpdateScripts:       os.Getenv("PCSH_UPDATE_GOLDEN") != "",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			e.Setenv("COLUMNS", "100")
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TZ", "UTC")
			e.Setenv("PCSH_NOW", "2024-01-01T00:00:00Z")
			// a drill that fails before `pcsh lab down` must not leave its
			// instances running
			e.Defer(func() { _, _ = datacenter.Down(filepath.Join(e.WorkDir, "lab"), 5*time.Second) })
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"exitcode": exitCode, "cmpwork": cmpWork, "waitfile": waitFile, "winrmfake": winrmFake},
	})
}

// exitCode runs a command and checks its exit status: exitcode N cmd args…
// stdout and stderr stay available to the following checks.
func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// panickerInfo is a test-only cmdlet, registered when PCSH_TEST_PANIC is
// set, that panics where it is told: in Process, or afterwards, when its
// output is formatted.
var panickerInfo = cmdlet.Info{
	Name: "Test-PcshPanic", Synopsis: "Panics, for the panic tests.",
	Examples: []cmdlet.Example{{Code: "Test-PcshPanic Format", Remarks: "Panics while the output prints."}},
	New:      func() cmdlet.Cmdlet { return new(panicker) },
}

type panicker struct {
	In string `param:"position=0,mandatory,set=Process|Format" help:"Where to panic."`
}

// Process panics now, or writes a value whose formatting panics.
func (p *panicker) Process(ctx *cmdlet.Context) error {
	if p.In == "Process" {
		panic("test panic in Process")
	}
	ctx.WriteObject(panicText("x"))
	return nil
}

// panicText panics when it is turned into text.
type panicText string

// String panics.
func (panicText) String() string { panic("test panic in a formatter") }
