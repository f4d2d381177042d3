package cmdlet

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Registry holds commands by name. The package-level registry receives the
// Go cmdlets from init(); sessions clone it and add runbooks.
type Registry struct {
	mu     sync.RWMutex
	byName map[string]*Command  // lower-case name → command
	lazy   map[string]lazyEntry // lower-case name → loader, until first use
	broken map[string]error     // lower-case name → why it failed to load
}

var builtin = NewRegistry()

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byName: map[string]*Command{}, lazy: map[string]lazyEntry{}, broken: map[string]error{}}
}

// Builtin returns the registry Go modules register into.
func Builtin() *Registry { return builtin }

// Register adds a Go cmdlet to the built-in registry. It panics on bad
// metadata (name, verb, synopsis, impact, examples), so a broken module
// fails at start-up, not at 3 a.m. The parameters, which take reflection
// over the cmdlet's struct, are derived on the command's first use, once
// for all sessions, so a start-up that never calls the command does not
// pay for it (modules/all's tests load every command).
func Register(info Info) {
	err := checkInfo(info)
	if err == nil && info.New == nil {
		err = errorf("cmdlet %s: Info.New is nil", info.Name)
	}
	if err == nil {
		err = builtin.AddLazy(info.Name, sync.OnceValues(func() (*Command, error) { return NewCommand(info) }))
	}
	if err != nil {
		panic(err)
	}
}

// Add checks a command against the registry rules and adds it.
func (r *Registry) Add(cmd *Command) error {
	if err := CheckCommand(cmd); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	key := strings.ToLower(cmd.Name)
	if old, dup := r.byName[key]; dup {
		return errorf("command %s already registered (module %s)", cmd.Name, old.Module)
	}
	if _, dup := r.lazy[key]; dup {
		return errorf("command %s already registered", cmd.Name)
	}
	r.byName[key] = cmd
	return nil
}

// Clone returns a copy that can take more commands.
func (r *Registry) Clone() *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := NewRegistry()
	for k, v := range r.byName {
		c.byName[k] = v
	}
	for k, v := range r.lazy {
		c.lazy[k] = v
	}
	for k, v := range r.broken {
		c.broken[k] = v
	}
	return c
}

// Lookup finds a command by Verb-Noun or Verb_Noun name, case-insensitively,
// loading it first if it was added with AddLazy.
func (r *Registry) Lookup(name string) (*Command, bool) {
	key := strings.ToLower(strings.Replace(name, "_", "-", 1))
	r.mu.RLock()
	c, ok := r.byName[key]
	e, lazy := r.lazy[key]
	r.mu.RUnlock()
	if ok || !lazy {
		return c, ok
	}
	return r.resolve(key, e)
}

// Has reports whether the registry has a command by this name without
// loading it: a lazy command that fails its first Lookup counts until then.
func (r *Registry) Has(name string) bool {
	key := strings.ToLower(strings.Replace(name, "_", "-", 1))
	r.mu.RLock()
	defer r.mu.RUnlock()
	_, ok := r.byName[key]
	_, lazy := r.lazy[key]
	return ok || lazy
}

// Commands returns all commands sorted by name, loading the lazy ones;
// those that fail to load are left out (and broken).
func (r *Registry) Commands() []*Command {
	r.mu.RLock()
	pending := make(map[string]lazyEntry, len(r.lazy))
	for k, e := range r.lazy {
		pending[k] = e
	}
	r.mu.RUnlock()
	for k, e := range pending {
		r.resolve(k, e)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*Command, 0, len(r.byName))
	for _, c := range r.byName {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names returns all command names sorted, lazy ones included, without
// loading anything.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.byName)+len(r.lazy))
	for _, c := range r.byName {
		out = append(out, c.Name)
	}
	for _, e := range r.lazy {
		out = append(out, e.name)
	}
	sort.Strings(out)
	return out
}

// NotFound builds the error for an unknown command, suggesting close names.
func (r *Registry) NotFound(name string) *ErrorRecord {
	rec := usageError("CommandNotFoundException",
		"The term '%s' is not recognized as the name of a cmdlet or runbook.", name)
	rec.Target, rec.Command = name, name
	if reason := r.Broken(name); reason != nil {
		rec.Hint = reason.Error()
	} else if s := Suggest(strings.Replace(name, "_", "-", 1), r.Names(), 3); len(s) > 0 {
		rec.Hint = "did you mean " + quoteList(s) + "?"
	} else {
		rec.Hint = "run Get-Command to list the commands"
	}
	return rec
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, " or ")
}

// ValidName reports whether name is a well-formed Verb-Noun: a capital
// and letters, a dash, a capital and letters or digits. It is checked by
// hand, because a regexp would be compiled at every start-up.
func ValidName(name string) bool {
	verb, noun, ok := strings.Cut(name, "-")
	return ok && capitalized(verb, false) && capitalized(noun, true)
}

func capitalized(s string, digits bool) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && !(digits && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// readOnlyVerbs must declare ImpactNone.
var readOnlyVerbs = map[string]bool{"Get": true, "Test": true, "Compare": true, "Select": true,
	"Sort": true, "Format": true, "ConvertTo": true, "Write": true, "Show": true,
	"Measure": true, "Watch": true}

// unapprovedCore are core PowerShell cmdlets whose verbs are not approved
// but whose names admins know (Where-Object).
var unapprovedCore = map[string]bool{"Where-Object": true}

// CheckCommand applies the registry rules to a command: Verb-Noun name with
// an approved verb, synopsis, parameter help, impact and examples.
func CheckCommand(c *Command) error {
	if err := checkInfo(c.Info); err != nil {
		return err
	}
	return checkParams(c)
}

// checkInfo applies the rules that need no parameters.
func checkInfo(c Info) error {
	verb, _, _ := strings.Cut(c.Name, "-")
	if !ValidName(c.Name) {
		return errorf("command name %q is not Verb-Noun", c.Name)
	}
	if _, ok := LookupVerb(verb); !ok && !unapprovedCore[c.Name] {
		return errorf("command %s: verb %q is not an approved verb", c.Name, verb)
	}
	if strings.TrimSpace(c.Synopsis) == "" {
		return errorf("command %s: missing synopsis", c.Name)
	}
	if readOnlyVerbs[verb] && c.Impact != ImpactNone {
		return errorf("command %s: verb %s must have impact None", c.Name, verb)
	}
	if c.Impact != ImpactNone && !hasWhatIfExample(c) {
		return errorf("command %s: a changing command needs an example with -WhatIf", c.Name)
	}
	return nil
}

func hasWhatIfExample(c Info) bool {
	for _, e := range c.Examples {
		if containsFold(e.Code, "-whatif") {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the ASCII word sub in any case,
// without the copy strings.ToLower makes: Register runs it for every
// command at every start.
func containsFold(s, sub string) bool {
	for i := strings.IndexByte(s, sub[0]); i >= 0 && i+len(sub) <= len(s); {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
		j := strings.IndexByte(s[i+1:], sub[0])
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func checkParams(c *Command) error {
	seen := map[string]bool{}
	positions := map[int]bool{}
	for _, p := range c.Params {
		if err := checkParam(c, p, seen); err != nil {
			return err
		}
		if p.Position >= 0 {
			if positions[p.Position] {
				return errorf("command %s: two parameters at position %d", c.Name, p.Position)
			}
			positions[p.Position] = true
		}
	}
	for i := 0; i < len(positions); i++ {
		if !positions[i] {
			return errorf("command %s: positions are not contiguous from 0", c.Name)
		}
	}
	return nil
}

func checkParam(c *Command, p *Param, seen map[string]bool) error {
	if strings.TrimSpace(p.Help) == "" {
		return errorf("command %s: parameter %s has no help", c.Name, p.Name)
	}
	if strings.EqualFold(p.Name, AllowDataLossName) && (p.Name != AllowDataLossName || p.Kind != KindSwitch) {
		return errorf("command %s: parameter %s must be the switch %s", c.Name, p.Name, AllowDataLossName)
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		k := strings.ToLower(n)
		if isCommonParam(k) {
			return errorf("command %s: parameter %s collides with a common parameter", c.Name, n)
		}
		if seen[k] {
			return errorf("command %s: parameter name or alias %s is used twice", c.Name, n)
		}
		seen[k] = true
	}
	return nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
