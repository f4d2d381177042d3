package console

import (
	"sort"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Completer completes command names (both Verb-Noun and Verb_Noun forms),
// -Parameter names after a command, and ValidateSet values after an enum
// parameter. Candidates are sorted.
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
	cmd, ok := c.Registry.Lookup(command)
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
	cmd, ok := c.Registry.Lookup(words[0])
	last := words[len(words)-1]
	if !ok || !strings.HasPrefix(last, "-") {
		return nil
	}
	p := cmd.Param(strings.TrimPrefix(last, "-"))
	if p == nil {
		return nil
	}
	var out []string
	for _, v := range p.ValidSet {
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
