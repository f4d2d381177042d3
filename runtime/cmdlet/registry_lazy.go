package cmdlet

import "strings"

// Loader describes a command on its first use: a built-in runbook's Lua
// header, which a start-up that never calls the runbook need not run.
type Loader func() (*Command, error)

type lazyEntry struct {
	name string
	load Loader
}

// AddLazy adds a command by name whose description load gives on first
// use (Lookup, Commands). A load that fails, or a description that breaks
// the registry rules, leaves the name broken: NotFound says why.
func (r *Registry) AddLazy(name string, load Loader) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := strings.ToLower(name)
	_, dup := r.byName[key]
	if _, lazy := r.lazy[key]; dup || lazy {
		return errorf("command %s already registered", name)
	}
	r.lazy[key] = lazyEntry{name: name, load: load}
	return nil
}

// resolve loads a lazy command, once.
func (r *Registry) resolve(key string, e lazyEntry) (*Command, bool) {
	cmd, err := e.load()
	if err == nil {
		err = CheckCommand(cmd)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.byName[key]; ok {
		return c, true // resolved meanwhile by another caller
	}
	delete(r.lazy, key)
	if err != nil {
		r.broken[key] = err
		return nil, false
	}
	r.byName[key] = cmd
	return cmd, true
}

// AddBroken records a command that exists but could not be loaded (a
// runbook with a syntax error): NotFound then gives the reason as its hint.
func (r *Registry) AddBroken(name string, reason error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.broken[strings.ToLower(name)] = reason
}

// Broken returns why a command could not be loaded, or nil.
func (r *Registry) Broken(name string) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.broken[strings.ToLower(strings.Replace(name, "_", "-", 1))]
}
