package cli

import (
	"context"
	"sync"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/console"
)

// SessionRun is the body of a session command: it runs in a pcsh session
// built from the global flags (host, preferences, --output, the Lua host
// with the built-in runbooks), as `pcsh run` does.
type SessionRun func(ctx context.Context, c *ucli.Context, con *console.Console) error

// sessionCommands are host subcommands contributed by modules that need
// a session, such as `pcsh drill`.
var sessionCommands struct {
	mu   sync.Mutex
	cmds []sessionCommand
}

type sessionCommand struct {
	cmd *ucli.Command
	run SessionRun
}

// RegisterSessionCommand adds a host subcommand whose action runs in a
// session: cmd gives its name, usage and flags (its Action is replaced),
// run its body. Ctrl-C cancels the context run gets.
func RegisterSessionCommand(cmd *ucli.Command, run SessionRun) {
	sessionCommands.mu.Lock()
	defer sessionCommands.mu.Unlock()
	sessionCommands.cmds = append(sessionCommands.cmds, sessionCommand{cmd: cmd, run: run})
}

// sessionSubcommands returns the session commands with actions bound to
// this runner.
func (r *runner) sessionSubcommands() []*ucli.Command {
	sessionCommands.mu.Lock()
	defer sessionCommands.mu.Unlock()
	out := make([]*ucli.Command, 0, len(sessionCommands.cmds))
	for _, sc := range sessionCommands.cmds {
		c := *sc.cmd
		run := sc.run
		c.Action = func(uc *ucli.Context) error {
			if err := r.setup(uc); err != nil {
				return err
			}
			return run(r.ctxWithInterrupt(), uc, r.con)
		}
		out = append(out, &c)
	}
	return out
}
