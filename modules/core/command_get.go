package core

import (
	"path"
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:        "Get-Command",
		Synopsis:    "Gets the cmdlets and runbooks this pcsh knows.",
		Description: "Lists every registered command, sorted by name. Name, Verb and Noun accept * and ? wildcards.",
		Output:      "CommandInfo",
		Examples: []cmdlet.Example{
			{Code: "Get-Command", Remarks: "Lists all commands."},
			{Code: "Get-Command -Noun CsPersistentChat*", Remarks: "Lists the Persistent Chat commands."},
			{Code: "Get-Command -CommandType Runbook", Remarks: "Lists the runbooks."},
		},
		Related: []string{"Get-Help", "Get-Verb"},
		New:     func() cmdlet.Cmdlet { return new(getCommand) },
	})
}

// CommandInfo is the output of Get-Command.
type CommandInfo struct {
	CommandType string
	Name        string
	Module      string
	Synopsis    string
}

type getCommand struct {
	Name        string `param:"position=0" help:"Command name; wildcards are allowed."`
	Verb        string `param:"" help:"Only commands with this verb; wildcards are allowed."`
	Noun        string `param:"" help:"Only commands with this noun; wildcards are allowed."`
	Module      string `param:"" help:"Only commands from this module (core, lab, runbook, …)."`
	CommandType string `param:"set=Cmdlet|Runbook" help:"Only cmdlets or only runbooks."`
}

// Process writes one CommandInfo per matching command.
func (g *getCommand) Process(ctx *cmdlet.Context) error {
	found := false
	for _, c := range ctx.Session.Registry.Commands() {
		if !g.matches(c) {
			continue
		}
		found = true
		ctx.WriteObject(CommandInfo{string(c.Type), c.Name, c.Module, c.Synopsis})
	}
	if !found && g.Name != "" && !hasWildcard(g.Name) {
		return ctx.Session.Registry.NotFound(g.Name)
	}
	return nil
}

func (g *getCommand) matches(c *cmdlet.Command) bool {
	return like(c.Name, g.Name) && like(c.Verb(), g.Verb) && like(c.Noun(), g.Noun) &&
		like(c.Module, g.Module) && like(string(c.Type), g.CommandType)
}

// like matches PowerShell wildcards case-insensitively; an empty pattern
// matches everything.
func like(s, pattern string) bool {
	if pattern == "" {
		return true
	}
	ok, err := path.Match(strings.ToLower(pattern), strings.ToLower(s))
	return err == nil && ok
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?[") }
