package console

import (
	"sort"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

// Completer completes command names (both Verb-Noun and Verb_Noun forms),
// -Parameter names after a command, ValidateSet values after an enum
// parameter, module names after -Module, and command names as the topic
// of Get-Help (help, man). Candidates are sorted.
type Completer struct {
	Registry *cmdlet.Registry
}

// Complete implements liner's WordCompleter.
func (c Completer) Complete(line string, pos int) (head string, completions []string, tail string) {
	before, tail := line[:pos], line[pos:]
	start := strings.LastIndexAny(before, " \t|{(,=") + 1
	head, word := before[:start], before[start:]
	words := strings.Fields(segment(before[:start]))
	switch {
	case len(words) == 0:
		completions = c.commands(word)
	case strings.HasPrefix(word, "-"):
		completions = c.params(words[0], word)
	default:
		completions = c.values(words, word)
	}
	return head, completions, tail
}

// segment returns the text of the current pipeline stage.
func segment(s string) string {
	if i := strings.LastIndexAny(s, "|;"); i >= 0 {
		return s[i+1:]
	}
	return s
}

func (c Completer) commands(prefix string) []string {
	var out []string
	for _, cmd := range c.Registry.Commands() {
		for _, n := range []string{cmd.Name, cmd.LuaName()} {
			if hasPrefixFold(n, prefix) {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

func (c Completer) params(command, prefix string) []string {
	cmd, ok := c.Registry.Lookup(shell.ResolveAlias(command))
	if !ok {
		return nil
	}
	var out []string
	for _, p := range append(append([]*cmdlet.Param(nil), cmd.Params...), cmdlet.CommonParams()...) {
		if hasPrefixFold("-"+p.Name, prefix) {
			out = append(out, "-"+p.Name)
		}
	}
	sort.Strings(out)
	return out
}

func (c Completer) values(words []string, prefix string) []string {
	cmd, ok := c.Registry.Lookup(shell.ResolveAlias(words[0]))
	if !ok {
		return nil
	}
	if cmd.Name == "Get-Help" && len(words) == 1 { // the topic: a command name
		return c.commands(prefix)
	}
	last := words[len(words)-1]
	if !strings.HasPrefix(last, "-") {
		return nil
	}
	p := cmd.Param(strings.TrimPrefix(last, "-"))
	switch {
	case p == nil:
		return nil
	case strings.EqualFold(p.Name, "Module"):
		return matching(c.modules(), prefix)
	}
	return matching(p.ValidSet, prefix)
}

// modules lists the modules that contributed commands.
func (c Completer) modules() []string {
	var out []string
	for _, cmd := range c.Registry.Commands() {
		out = append(out, cmd.Module)
	}
	sort.Strings(out)
	return dedupe(out)
}

// matching returns the candidates that start with prefix, sorted.
func matching(candidates []string, prefix string) []string {
	var out []string
	for _, v := range candidates {
		if hasPrefixFold(v, prefix) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
