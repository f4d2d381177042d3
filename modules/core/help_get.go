package core

import (
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
	"pcsh/runtime/help"
	"pcsh/runtime/shell"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Help",
		Synopsis: "Displays help about pcsh commands.",
		Description: "Shows the help of a cmdlet or runbook in PowerShell's layout, wrapped to COLUMNS (80 when unset). " +
			"A name with wildcards lists the matching commands (or shows the only match); an alias names its command. " +
			"Without a name, explains the two syntaxes, the common parameters and the exit codes. " +
			"help NAME, man NAME and NAME -? are the same as Get-Help NAME.",
		Examples: []cmdlet.Example{
			{Code: "Get-Help Get-Command", Remarks: "Shows the synopsis and syntax of Get-Command."},
			{Code: "Get-Help Get-Command -Full", Remarks: "Shows everything, including parameter attributes."},
			{Code: "Get-Help Get-Command -Parameter Noun", Remarks: "Shows one parameter."},
			{Code: "Get-Help *Failover*", Remarks: "Lists the commands whose name contains Failover."},
		},
		Related: []string{"Get-Command"},
		New:     func() cmdlet.Cmdlet { return new(getHelp) },
	})
}

type getHelp struct {
	Name      string `param:"position=0" help:"The command to describe, or a wildcard pattern to list commands."`
	Detailed  bool   `param:"" help:"Adds parameter descriptions and examples."`
	Full      bool   `param:"" help:"Shows the whole help, including parameter attributes and outputs."`
	Examples  bool   `param:"" help:"Shows only the examples."`
	Parameter string `param:"" help:"Shows the help of one parameter."`
}

// Process writes the rendered help text, wrapped to the help width. A
// name with wildcards lists the matching commands, or shows the help of
// the only one.
func (g *getHelp) Process(ctx *cmdlet.Context) error {
	var b strings.Builder
	c, err := g.command(ctx)
	switch {
	case err != nil:
		return err
	case c == nil && g.Name == "":
		Overview(&b)
	case c == nil:
		return nil // the list of matches is written
	case g.Parameter != "":
		p := c.Param(g.Parameter)
		if p == nil {
			return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "ParameterNotFound", g.Parameter,
				"Command %s has no parameter '%s'.", c.Name, g.Parameter)
		}
		help.Parameter(&b, p, true)
	default:
		if err := help.Render(&b, c, g.view()); err != nil {
			return err
		}
	}
	ctx.WriteObject(format.Rendered(help.Wrap(b.String(), help.Width(ctx.Session.Getenv))))
	return nil
}

// command finds the command to describe: by name or alias, or the only
// match of a wildcard name. Several matches are written as HelpInfo
// objects and command returns nil.
func (g *getHelp) command(ctx *cmdlet.Context) (*cmdlet.Command, error) {
	reg := ctx.Session.Registry
	if g.Name == "" {
		return nil, nil
	}
	if !hasWildcard(g.Name) {
		if c, ok := reg.Lookup(shell.ResolveAlias(g.Name)); ok {
			return c, nil
		}
		return nil, reg.NotFound(g.Name)
	}
	var found []*cmdlet.Command
	for _, c := range reg.Commands() {
		if like(c.Name, g.Name) || like(c.LuaName(), g.Name) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	for _, c := range found {
		ctx.WriteObject(HelpInfo{Name: c.Name, Category: string(c.Type), Module: c.Module, Synopsis: c.Synopsis})
	}
	return nil, nil
}

// HelpInfo is what Get-Help writes for each command a wildcard matches.
type HelpInfo struct {
	Name     string
	Category string
	Module   string
	Synopsis string
}

func (g *getHelp) view() help.View {
	switch {
	case g.Full:
		return help.ViewFull
	case g.Detailed:
		return help.ViewDetailed
	case g.Examples:
		return help.ViewExamples
	}
	return help.ViewDefault
}

// Overview writes the general help: syntaxes, common parameters and exit
// codes.
func Overview(b *strings.Builder) {
	b.WriteString(`pcsh: a PowerShell-style Lua shell for Persistent Chat HA/DR

SYNTAX
    Command lines:  Verb-Noun [-Name value] [-Switch] [positional ...] [| Verb-Noun ...]
    Lua:            Verb_Noun{ Name = value, Switch = true }  returns (objects, errors)

COMMON PARAMETERS
`)
	for _, p := range cmdlet.CommonParams() {
		fmt.Fprintf(b, "    -%-12s %s\n", p.Name, p.Help)
	}
	b.WriteString("\nEXIT CODES\n")
	for _, e := range cmdlet.ExitCodes() {
		fmt.Fprintf(b, "    %3d  %-15s %s\n", e.Code, e.Name, e.Meaning)
	}
	b.WriteString("\nRun Get-Command to list the commands and Get-Help NAME for one of them.\n")
}
