package cli

import (
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

// argvArgs binds pcsh run's argv as words, not as a line to lex again: a
// word is one value, whatever quoting the calling shell took off. -Name
// and -Name:value name a parameter; $null, $true and $false mean what they
// mean on a command line; a comma splits a word into a list only for an
// array parameter, so 'a,b' and 'C:\x y,z' bind alike; a word that starts
// with @{ or @( is a hashtable or array in command-line syntax.
func argvArgs(cmd *cmdlet.Command, argv []string) cmdlet.Args {
	var a cmdlet.Args
	position := 0
	for i := 0; i < len(argv); i++ {
		name, value, colon, isParam := splitParam(argv[i])
		switch {
		case !isParam:
			a.Positional = append(a.Positional, argvValue(positional(cmd, position), argv[i]))
			position++
		case colon:
			a.Named = append(a.Named, cmdlet.NamedArg{Name: name, Value: argvValue(cmdlet.FindParam(cmd, name), value)})
		default:
			p := cmdlet.FindParam(cmd, name)
			if p == nil || p.IsSwitch() || i+1 >= len(argv) || isParamWord(argv[i+1]) {
				a.Named = append(a.Named, cmdlet.NamedArg{Name: name, NoValue: true})
				continue
			}
			i++
			a.Named = append(a.Named, cmdlet.NamedArg{Name: name, Value: argvValue(p, argv[i])})
		}
	}
	return a
}

// splitParam reads -Name or -Name:value.
func splitParam(w string) (name, value string, colon, ok bool) {
	if !isParamWord(w) {
		return "", "", false, false
	}
	name, value, colon = strings.Cut(w[1:], ":")
	return name, value, colon, true
}

// isParamWord reports whether w is -Name (a letter after the dash; -5 is
// a number).
func isParamWord(w string) bool {
	return len(w) > 1 && w[0] == '-' && (w[1] == '_' || w[1]|0x20 >= 'a' && w[1]|0x20 <= 'z')
}

// argvValue turns one word into the value it binds.
func argvValue(p *cmdlet.Param, w string) any {
	switch strings.ToLower(w) {
	case "$null":
		return nil
	case "$true":
		return true
	case "$false":
		return false
	}
	if strings.HasPrefix(w, "@{") || strings.HasPrefix(w, "@(") {
		if v, ok := literal(w); ok {
			return v
		}
	}
	if p != nil && (p.Kind == cmdlet.KindStringArray || p.Kind == cmdlet.KindObjectArray) && strings.Contains(w, ",") {
		var items []any
		for _, s := range strings.Split(w, ",") {
			items = append(items, s)
		}
		return items
	}
	return w
}

// literal parses w as one command-line value.
func literal(w string) (any, bool) {
	pls, err := shell.Parse("X " + w)
	if err != nil || len(pls) != 1 || len(pls[0].Calls) != 1 || len(pls[0].Calls[0].Elems) != 1 {
		return nil, false
	}
	return pls[0].Calls[0].Elems[0].Value, true
}

// positional returns the parameter at position n, or nil.
func positional(cmd *cmdlet.Command, n int) *cmdlet.Param {
	for _, p := range cmd.Params {
		if p.Position == n {
			return p
		}
	}
	return nil
}
