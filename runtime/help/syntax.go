package help

import (
	"sort"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Syntax returns the generated SYNTAX line of a command.
func Syntax(c *cmdlet.Command) string {
	parts := []string{c.Name}
	for _, p := range orderedParams(c) {
		parts = append(parts, paramSyntax(p))
	}
	if c.Impact != cmdlet.ImpactNone {
		parts = append(parts, "[-Force]", "[-WhatIf]", "[-Confirm]")
	}
	parts = append(parts, "[<CommonParameters>]")
	return strings.Join(parts, " ")
}

// orderedParams lists positional parameters by position, then the rest in
// declaration order, as PowerShell's syntax block does.
func orderedParams(c *cmdlet.Command) []*cmdlet.Param {
	out := append([]*cmdlet.Param(nil), c.Params...)
	sort.SliceStable(out, func(i, j int) bool {
		pi, pj := out[i].Position, out[j].Position
		if pi >= 0 && pj >= 0 {
			return pi < pj
		}
		return pi >= 0 && pj < 0
	})
	return out
}

func paramSyntax(p *cmdlet.Param) string {
	name := "-" + p.Name
	if p.Position >= 0 {
		name = "[" + name + "]"
	}
	s := name
	if !p.IsSwitch() {
		s += " <" + typeName(p) + ">"
	}
	if !p.Mandatory {
		s = "[" + s + "]"
	}
	return s
}

func typeName(p *cmdlet.Param) string {
	if len(p.ValidSet) > 0 && p.TypeName == "String" {
		return "String"
	}
	return p.TypeName
}
