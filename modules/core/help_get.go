package core

import (
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
	"pcsh/runtime/help"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Help",
		Synopsis: "Displays help about pcsh commands.",
		Description: "Shows the help of a cmdlet or runbook in PowerShell's layout. Without a name, " +
			"explains the two syntaxes, the common parameters and the exit codes.",
		Examples: []cmdlet.Example{
			{Code: "Get-Help Get-Command", Remarks: "Shows the synopsis and syntax of Get-Command."},
			{Code: "Get-Help Get-Command -Full", Remarks: "Shows everything, including parameter attributes."},
			{Code: "Get-Help Get-Command -Parameter Noun", Remarks: "Shows one parameter."},
		},
		Related: []string{"Get-Command"},
		New:     func() cmdlet.Cmdlet { return new(getHelp) },
	})
}

type getHelp struct {
	Name      string `param:"position=0" help:"The command to describe."`
	Detailed  bool   `param:"" help:"Adds parameter descriptions and examples."`
	Full      bool   `param:"" help:"Shows the whole help, including parameter attributes and outputs."`
	Examples  bool   `param:"" help:"Shows only the examples."`
	Parameter string `param:"" help:"Shows the help of one parameter."`
}

// Process writes the rendered help text.
func (g *getHelp) Process(ctx *cmdlet.Context) error {
	var b strings.Builder
	if g.Name == "" {
		Overview(&b)
		ctx.WriteObject(format.Rendered(b.String()))
		return nil
	}
	c, ok := ctx.Session.Registry.Lookup(g.Name)
	if !ok {
		return ctx.Session.Registry.NotFound(g.Name)
	}
	if g.Parameter != "" {
		p := c.Param(g.Parameter)
		if p == nil {
			return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "ParameterNotFound", g.Parameter,
				"Command %s has no parameter '%s'.", c.Name, g.Parameter)
		}
		help.Parameter(&b, p, true)
	} else if err := help.Render(&b, c, g.view()); err != nil {
		return err
	}
	ctx.WriteObject(format.Rendered(b.String()))
	return nil
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
