package cmdlet

import (
	"regexp"
	"slices"
	"sync"
)

// secretNameRE marks the parameter names (and hashtable keys) whose
// values are secrets even without the "secret" tag flag: a runbook's
// -Password, Invoke-PcSqlQuery's @{password = …}.
var secretNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)password|passwd|pwd|secret`) })

// IsSecret reports whether the parameter's values are secrets: tagged
// "secret", or named like a password.
func (p *Param) IsSecret() bool { return p.Secret || secretNameRE().MatchString(p.Name) }

// SecretValues returns the strings bound to cmd's secret parameters, and
// the string values of secret-named keys in bound hashtables, in
// parameter order.
func SecretValues(cmd *Command, b *Bound) []string {
	var out []string
	for _, p := range cmd.Params {
		v, ok := b.Values[p.Name]
		if !ok {
			continue
		}
		if p.IsSecret() {
			out = appendStrings(out, v)
		} else if h, ok := v.(*Hashtable); ok {
			out = append(out, secretEntries(h)...)
		}
	}
	return out
}

func secretEntries(h *Hashtable) []string {
	var out []string
	for i, k := range h.Keys {
		if secretNameRE().MatchString(k) {
			out = appendStrings(out, h.Values[i])
		}
	}
	return out
}

func appendStrings(out []string, v any) []string {
	switch x := v.(type) {
	case string:
		return append(out, x)
	case []string:
		return append(out, x...)
	case []any:
		for _, e := range x {
			out = appendStrings(out, e)
		}
	}
	return out
}

// AddBound registers the values a call bound to secret parameters: as
// secrets (Add) and, whatever their length, in the list Bound returns, so
// the input line that bound them can be recorded with them masked.
func (s *Secrets) AddBound(cmd *Command, b *Bound) {
	if s == nil {
		return
	}
	for _, v := range SecretValues(cmd, b) {
		s.Add(v)
		s.mu.Lock()
		if v != "" && !slices.Contains(s.bound, v) {
			s.bound = append(s.bound, v)
		}
		s.mu.Unlock()
	}
}

// Bound returns every value bound to a secret parameter so far.
func (s *Secrets) Bound() []string {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.bound)
}
