package shell

import (
	"sort"
	"strings"

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
		if reg.Has(def) {
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

// startsWithAlias reports whether src is a command line led by an alias.
func startsWithAlias(src string) bool {
	word, ok := leadingCommandWord(src)
	if !ok {
		return false
	}
	_, ok = standardAliases[strings.ToLower(word)]
	return ok
}
