package help

import (
	"fmt"
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
)

// View selects how much help to show.
type View int

// The help views of Get-Help.
const (
	ViewDefault  View = iota // NAME, SYNOPSIS, SYNTAX, DESCRIPTION, RELATED LINKS
	ViewDetailed             // plus PARAMETERS and EXAMPLES
	ViewFull                 // plus parameter attributes and OUTPUTS
	ViewExamples             // NAME, SYNOPSIS and EXAMPLES only
)

// Render writes help for a command.
func Render(w io.Writer, c *cmdlet.Command, v View) error {
	var b strings.Builder
	section(&b, "NAME", c.Name)
	section(&b, "SYNOPSIS", c.Synopsis)
	if v != ViewExamples {
		section(&b, "SYNTAX", Syntax(c))
		if c.Description != "" {
			section(&b, "DESCRIPTION", c.Description)
		}
	}
	if v == ViewDetailed || v == ViewFull {
		parameters(&b, c, v == ViewFull)
	}
	if v == ViewFull && c.Output != "" {
		section(&b, "OUTPUTS", c.Output)
	}
	if v != ViewDefault {
		examples(&b, c)
	}
	if len(c.Related) > 0 && v != ViewExamples {
		section(&b, "RELATED LINKS", strings.Join(c.Related, "\n"))
	}
	if v == ViewDefault {
		section(&b, "REMARKS", fmt.Sprintf("To see the examples, type: \"Get-Help %s -Examples\".\nFor more information, type: \"Get-Help %s -Detailed\".\nFor technical information, type: \"Get-Help %s -Full\".", c.Name, c.Name, c.Name))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func section(b *strings.Builder, title, body string) {
	b.WriteString(title + "\n")
	b.WriteString(indent(body, 4) + "\n\n")
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "\n")
}

func parameters(b *strings.Builder, c *cmdlet.Command, full bool) {
	b.WriteString("PARAMETERS\n")
	for _, p := range orderedParams(c) {
		Parameter(b, p, full)
	}
	b.WriteString("    <CommonParameters>\n        This command supports the common parameters: Verbose, Debug, ErrorAction and Force (for this call only; never allows data loss)")
	if c.Impact != cmdlet.ImpactNone {
		b.WriteString(", and WhatIf and Confirm (impact: " + c.Impact.String() + ")")
	}
	b.WriteString(".\n\n")
}

// Parameter writes the help block of one parameter.
func Parameter(w io.StringWriter, p *cmdlet.Param, full bool) {
	head := "-" + p.Name
	if !p.IsSwitch() {
		head += " <" + p.TypeName + ">"
	}
	_, _ = w.WriteString("    " + head + "\n" + indent(p.Help, 8) + "\n")
	if len(p.ValidSet) > 0 {
		attr(w, "Valid values", strings.Join(p.ValidSet, ", "))
	}
	if !full {
		_, _ = w.WriteString("\n")
		return
	}
	attr(w, "Required?", fmt.Sprint(p.Mandatory))
	attr(w, "Position?", position(p))
	attr(w, "Default value", defaultText(p))
	attr(w, "Accept pipeline input?", pipelineText(p))
	if len(p.Aliases) > 0 {
		attr(w, "Aliases", strings.Join(p.Aliases, ", "))
	}
	_, _ = w.WriteString("\n")
}

func attr(w io.StringWriter, name, val string) {
	_, _ = w.WriteString(fmt.Sprintf("        %-28s %s\n", name, val))
}

func position(p *cmdlet.Param) string {
	if p.Position < 0 {
		return "named"
	}
	return fmt.Sprint(p.Position)
}

func defaultText(p *cmdlet.Param) string {
	if p.Default == nil {
		return "None"
	}
	return fmt.Sprint(p.Default)
}

func pipelineText(p *cmdlet.Param) string {
	switch p.Pipeline {
	case cmdlet.PipelineByValue:
		return "true (ByValue)"
	case cmdlet.PipelineByName:
		return "true (ByPropertyName)"
	}
	return "false"
}

func examples(b *strings.Builder, c *cmdlet.Command) {
	if len(c.Examples) == 0 {
		return
	}
	b.WriteString("EXAMPLES\n")
	for i, e := range c.Examples {
		fmt.Fprintf(b, "    -------------------------- Example %d --------------------------\n", i+1)
		b.WriteString("    PS> " + e.Code + "\n")
		if lua, err := LuaForm(c, e.Code); err == nil {
			b.WriteString("    Lua> " + lua + "\n")
		}
		if e.Remarks != "" {
			b.WriteString("\n" + indent(e.Remarks, 4) + "\n")
		}
		b.WriteString("\n")
	}
}
