package shell

import (
	"slices"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Redact returns the command line src with every word bound to a secret
// parameter replaced by cmdlet.Mask. It binds each call as the run will
// (aliases, abbreviations such as -P for -Password, positions), without
// running anything, so the line can be recorded before it runs. A line
// that does not parse is returned as it is: it will not run either.
func Redact(reg *cmdlet.Registry, src string) string {
	secrets := BoundSecrets(reg, src)
	if len(secrets) == 0 {
		return src
	}
	toks, err := lex(src)
	if err != nil {
		return src
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if end, ok := secretSpan(t, secrets); ok {
			b.WriteString(src[last:t.pos])
			b.WriteString(cmdlet.Mask)
			last = end
		}
	}
	b.WriteString(src[last:])
	return b.String()
}

// secretSpan reports where a value token holding a secret ends.
func secretSpan(t token, secrets []string) (int, bool) {
	switch t.kind {
	case tokWord, tokString:
		return t.end, slices.Contains(secrets, t.text)
	case tokParam: // a value that starts with a dash
		return t.pos + 1 + len(t.text), slices.Contains(secrets, "-"+t.text)
	}
	return 0, false
}

// BoundSecrets returns the values src's calls bind to secret parameters
// (cmdlet.SecretValues). A call that does not bind as a whole (an unknown
// parameter, say) is bound one named argument at a time, so a password
// before the mistake is still found.
func BoundSecrets(reg *cmdlet.Registry, src string) []string {
	pls, err := Parse(src)
	if err != nil {
		return nil
	}
	var out []string
	for _, pl := range pls {
		for _, c := range pl.Calls {
			cmd, ok := reg.Lookup(ResolveAlias(c.Name))
			if ok {
				out = append(out, CallSecrets(cmd, Args(cmd, c.Elems))...)
			}
		}
	}
	return out
}

// CallSecrets returns the values args bind to cmd's secret parameters.
func CallSecrets(cmd *cmdlet.Command, args cmdlet.Args) []string {
	if b, rec := cmdlet.Bind(cmd, args); rec == nil {
		return cmdlet.SecretValues(cmd, b)
	}
	var out []string
	for _, na := range args.Named {
		if b, rec := cmdlet.Bind(cmd, cmdlet.Args{Named: []cmdlet.NamedArg{na}}); rec == nil {
			out = append(out, cmdlet.SecretValues(cmd, b)...)
		}
	}
	return out
}
