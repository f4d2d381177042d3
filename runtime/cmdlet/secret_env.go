package cmdlet

import (
	"slices"
	"sync"
)

// secretEnvs holds the names of the environment variables whose values
// are secrets, registered by the modules that read them.
var secretEnvs struct {
	mu    sync.Mutex
	names []string
}

// RegisterSecretEnv declares, from a module's init, that the environment
// variable name holds a secret (a password the module reads), so the host
// redacts its value from everything it prints, logs or records. The host
// itself then needs to know no module's variables.
func RegisterSecretEnv(name string) {
	secretEnvs.mu.Lock()
	defer secretEnvs.mu.Unlock()
	if !slices.Contains(secretEnvs.names, name) {
		secretEnvs.names = append(secretEnvs.names, name)
		slices.Sort(secretEnvs.names)
	}
}

// SecretEnvs returns the registered secret environment variables, sorted.
func SecretEnvs() []string {
	secretEnvs.mu.Lock()
	defer secretEnvs.mu.Unlock()
	return slices.Clone(secretEnvs.names)
}

// AddEnv registers the values getenv gives the secret environment
// variables (see RegisterSecretEnv).
func (s *Secrets) AddEnv(getenv func(string) string) {
	for _, name := range SecretEnvs() {
		s.Add(getenv(name))
	}
}
