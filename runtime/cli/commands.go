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

func registeredCommands() []*ucli.Command {
	moduleCommands.mu.Lock()
	defer moduleCommands.mu.Unlock()
	out := append([]*ucli.Command(nil), moduleCommands.cmds...)
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
