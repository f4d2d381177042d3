package luahost

import (
	"regexp"
	"strings"
	"sync"

	"pcsh/runtime/cmdlet"
)

// Help is comment-based help from a runbook's leading --[[ ... ]] block:
// .SYNOPSIS, .DESCRIPTION, .PARAMETER Name, .EXAMPLE, .NOTES, .LINK.
type Help struct {
	Synopsis    string
	Description string
	Params      map[string]string // parameter name (lower case) → help
	Examples    []cmdlet.Example
	Notes       string
	Links       []string
}

// The header patterns compile on first use: start-up describes no runbook
// unless PCSH_PATH holds some.
var (
	headerRE  = lazyRE(`(?s)^\s*(?:#![^\n]*\n\s*)?--\[(=*)\[(.*?)\]=*\]`)
	keywordRE = lazyRE(`(?m)^\s*\.([A-Z]+)[ \t]*([^\n]*)$`)
	cmdletRE  = lazyRE(`(?m)^\s*(?:local\s+\w+\s*=\s*)?cmdlet\s*[{(]`)
)

// lazyRE returns a regexp compiled on its first use.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// IsRunbook reports whether a Lua source declares itself a command with a
// cmdlet{...} call.
func IsRunbook(src string) bool { return cmdletRE().MatchString(src) }

// ParseHelp reads the comment-based help block at the top of src.
func ParseHelp(src string) Help {
	h := Help{Params: map[string]string{}}
	m := headerRE().FindStringSubmatch(src)
	if m == nil {
		return h
	}
	body := m[2]
	locs := keywordRE().FindAllStringSubmatchIndex(body, -1)
	for i, loc := range locs {
		end := len(body)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		key := body[loc[2]:loc[3]]
		arg := strings.TrimSpace(body[loc[4]:loc[5]])
		h.section(key, arg, dedent(body[loc[1]:end]))
	}
	return h
}

func (h *Help) section(key, arg, text string) {
	switch key {
	case "SYNOPSIS":
		h.Synopsis = joinLines(text)
	case "DESCRIPTION":
		h.Description = text
	case "PARAMETER":
		h.Params[strings.ToLower(arg)] = joinLines(text)
	case "EXAMPLE":
		code, remarks, _ := strings.Cut(text, "\n")
		h.Examples = append(h.Examples, cmdlet.Example{Code: strings.TrimSpace(code), Remarks: joinLines(remarks)})
	case "NOTES":
		h.Notes = text
	case "LINK":
		h.Links = append(h.Links, joinLines(text))
	}
}

func joinLines(s string) string { return strings.Join(strings.Fields(s), " ") }

// dedent trims the common indentation and surrounding blank lines.
func dedent(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			lines[i] = l[indent:]
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
