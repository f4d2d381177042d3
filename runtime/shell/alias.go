package shell

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"pcsh/runtime/cmdlet"
)

// Alias is a short name PowerShell users type for a command.
type Alias struct {
	Name       string
	Definition string // the command it stands for
}

// standardAliases are PowerShell's own aliases (and the help and man
// functions) for the commands pcsh has.
var standardAliases = map[string]string{
	"?": "Where-Object", "cat": "Get-Content", "echo": "Write-Output", "fl": "Format-List",
	"ft": "Format-Table", "gal": "Get-Alias", "gc": "Get-Content", "gcm": "Get-Command",
	"help": "Get-Help", "man": "Get-Help", "sc": "Set-Content", "select": "Select-Object",
	"sleep": "Start-Sleep", "sort": "Sort-Object", "type": "Get-Content", "where": "Where-Object",
	"write": "Write-Output",
}

// Aliases returns the aliases whose command reg has, sorted by name.
func Aliases(reg *cmdlet.Registry) []Alias {
	var out []Alias
	for name, def := range standardAliases {
		if _, ok := reg.Lookup(def); ok {
			out = append(out, Alias{Name: name, Definition: def})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ResolveAlias returns the command an alias stands for, or name itself
// when it is not an alias.
func ResolveAlias(name string) string {
	if def, ok := standardAliases[strings.ToLower(name)]; ok {
		return def
	}
	return name
}

// aliasLine matches a line that starts with an alias used as a command:
// alone, before a pipe or semicolon, or before an argument that cannot
// continue a Lua expression (so `sort = 1` and `help(x)` stay Lua).
var aliasLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\?|[A-Za-z]+)(\s*$|\s*[|;]|\s+[^\s=(.:\[{~<>+*/%^])`)
})

// startsWithAlias reports whether src is a command line led by an alias.
func startsWithAlias(src string) bool {
	m := aliasLine().FindStringSubmatch(src)
	if m == nil {
		return false
	}
	_, ok := standardAliases[strings.ToLower(m[1])]
	return ok
}
