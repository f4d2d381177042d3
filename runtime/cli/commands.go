package cli

import (
	"sort"
	"sync"

	ucli "github.com/urfave/cli/v2"
)

// moduleCommands are CLI subcommands contributed by modules from init(),
// such as `pcsh lab`.
var moduleCommands struct {
	mu   sync.Mutex
	cmds []*ucli.Command
	subs map[string][]*ucli.Command // parent name → subcommands
}

// RegisterCommand adds a host subcommand. It panics on a duplicate name,
// so a clash fails at start-up.
func RegisterCommand(c *ucli.Command) {
	moduleCommands.mu.Lock()
	defer moduleCommands.mu.Unlock()
	for _, old := range moduleCommands.cmds {
		if old.Name == c.Name {
			panic("cli: command " + c.Name + " registered twice")
		}
	}
	moduleCommands.cmds = append(moduleCommands.cmds, c)
}

// RegisterSubcommand adds a subcommand under a host subcommand that another
// module registers (the lab's `serve` and `up` live in different
// packages). When no module registers the parent, a plain parent command
// holding the subcommands is made.
func RegisterSubcommand(parent string, c *ucli.Command) {
	moduleCommands.mu.Lock()
	defer moduleCommands.mu.Unlock()
	if moduleCommands.subs == nil {
		moduleCommands.subs = map[string][]*ucli.Command{}
	}
	moduleCommands.subs[parent] = append(moduleCommands.subs[parent], c)
}

func registeredCommands() []*ucli.Command {
	moduleCommands.mu.Lock()
	defer moduleCommands.mu.Unlock()
	byName := map[string]*ucli.Command{}
	var out []*ucli.Command
	for _, c := range moduleCommands.cmds {
		cc := *c
		byName[c.Name] = &cc
		out = append(out, &cc)
	}
	for parent, subs := range moduleCommands.subs {
		p, ok := byName[parent]
		if !ok {
			p = &ucli.Command{Name: parent, Usage: "the " + parent + " commands"}
			byName[parent] = p
			out = append(out, p)
		}
		p.Subcommands = append(append([]*ucli.Command(nil), p.Subcommands...), subs...)
		sort.Slice(p.Subcommands, func(i, j int) bool { return p.Subcommands[i].Name < p.Subcommands[j].Name })
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// StdioOf returns the injected streams inside a module's subcommand action.
func StdioOf(c *ucli.Context) Stdio {
	if s, ok := c.App.Metadata["stdio"].(Stdio); ok {
		return s
	}
	return OSStdio()
}
