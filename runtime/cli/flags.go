package cli

import (
	ucli "github.com/urfave/cli/v2"
)

// globalFlags are accepted before any subcommand or command line.
func globalFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "c", Usage: "run `CHUNK` (a command line or Lua) and exit"},
		&ucli.BoolFlag{Name: "whatif", Usage: "dry run: every change prints what it would do"},
		&ucli.BoolFlag{Name: "confirm", Value: false, Usage: "prompt before every change; --confirm=false never prompts"},
		&ucli.BoolFlag{Name: "force", Usage: "-Force for the command given on the command line only: skips its confirmation and non-data-loss restrictions; the commands a runbook or script calls do not inherit it, and it never allows data loss (-AllowDataLoss)"},
		&ucli.BoolFlag{Name: "verbose", Usage: "write VERBOSE messages"},
		&ucli.BoolFlag{Name: "debug", Usage: "write DEBUG messages, such as T-SQL sent"},
		&ucli.StringFlag{Name: "error-action", Value: "Continue", Usage: "Continue, Stop or SilentlyContinue"},
		&ucli.StringFlag{Name: "output", Value: "default", Usage: "default, table, list, json (always an array) or nagios (the monitoring-plugin form; the exit code is its status)"},
		&ucli.IntFlag{Name: "width", Usage: "output width (default $COLUMNS, else 120)"},
		&ucli.StringFlag{Name: "lab-file", Usage: "resolve instance names through the lab described by `FILE` (a lab.json that pcsh lab up wrote); the same as PCSH_LAB_FILE, which is otherwise the only way a lab file is read"},
		&ucli.StringFlag{Name: "transcript", Usage: "append everything typed and printed to `FILE` (secrets redacted)"},
		&ucli.StringFlag{Name: "log-format", Value: "text", Usage: "stderr messages as text or json"},
		&ucli.BoolFlag{Name: "no-color", Usage: "no ANSI colours (also NO_COLOR)"},
		&ucli.BoolFlag{Name: "non-interactive", Usage: "never prompt, even on a terminal"},
	}
}

// commonFlags are the global flags that set a common parameter.
var commonFlags = []struct{ flag, param string }{
	{"whatif", "WhatIf"}, {"confirm", "Confirm"}, {"force", "Force"},
	{"verbose", "Verbose"}, {"debug", "Debug"}, {"error-action", "ErrorAction"},
}
