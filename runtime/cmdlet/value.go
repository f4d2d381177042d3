package cmdlet

import (
	"context"
	"strings"
)

// Hashtable is an ordered map with case-insensitive keys: PowerShell's
// @{Key=value} and a Lua table with string keys.
type Hashtable struct {
	Keys   []string
	Values []any
}

// Set sets key to v, keeping first-insertion order.
func (h *Hashtable) Set(key string, v any) {
	for i, k := range h.Keys {
		if strings.EqualFold(k, key) {
			h.Values[i] = v
			return
		}
	}
	h.Keys = append(h.Keys, key)
	h.Values = append(h.Values, v)
}

// Get returns the value for key, case-insensitively.
func (h *Hashtable) Get(key string) (any, bool) {
	for i, k := range h.Keys {
		if strings.EqualFold(k, key) {
			return h.Values[i], true
		}
	}
	return nil, false
}

// Len returns the number of keys.
func (h *Hashtable) Len() int { return len(h.Keys) }

// ScriptBlock is code passed as a parameter (a Lua function): Where-Object's
// filter, for example.
type ScriptBlock interface {
	// Call runs the block with args and returns its results.
	Call(ctx context.Context, args ...any) ([]any, error)
}
