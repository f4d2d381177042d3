package topology

import (
	"errors"
	"io/fs"

	"pcsh/runtime/cmdlet"
)

// EnvPath names the environment variable holding the default topology
// document; without it the document is ./topology.lua.
const EnvPath = "PCSH_TOPOLOGY"

// DefaultPath returns the topology document a command uses when it is not
// given one: $PCSH_TOPOLOGY, else topology.lua in the current directory.
func DefaultPath(getenv func(string) string) string {
	if p := getenv(EnvPath); p != "" {
		return p
	}
	return "topology.lua"
}

// LoadFor loads the document at path (the default when empty) for a
// command, turning failures into error records: TopologyNotFound,
// TopologyUnreadable or TopologyInvalid.
func LoadFor(ctx *cmdlet.Context, path string) (*Topology, error) {
	if path == "" {
		path = DefaultPath(ctx.Session.Getenv)
	}
	t, err := Load(ctx, path)
	var le *LoadError
	switch {
	case err == nil:
		return t, nil
	case errors.As(err, &le):
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidData, "TopologyInvalid", path,
			"The topology document %s is not valid:\n%w", path, err)
	case errors.Is(err, fs.ErrNotExist):
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "TopologyNotFound", path,
			"The topology document %s does not exist.", path).WithHint("%s", missingHint(ctx))
	}
	return nil, cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "TopologyUnreadable", path, "Cannot read the topology document %s: %w.", path, err)
}

// missingHint says how to name the topology document: -Path only for a
// command that has it (Get-CsPersistentChatState, for one, does not).
func missingHint(ctx *cmdlet.Context) string {
	if ctx.Command != nil && ctx.Command.Param("Path") != nil {
		return "pass -Path or set " + EnvPath
	}
	return "set " + EnvPath + " to the topology document, or run pcsh where topology.lua is"
}
