package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// Change is one change of a pool's active server list: a PSListModifier
// (@{Add=…; Remove=…; Replace=…}), a clear ($null or empty) or -Swap.
type Change struct {
	Identity string // the -Identity sent to the Management Shell
	Add      []string
	Remove   []string
	Replace  []string
	Clear    bool
	Swap     bool
	order    []string // the modifier keys in the order given, for Line
}

// modifierKeys are the PSListModifier keys, in the order lines show them.
var modifierKeys = []string{"Add", "Remove", "Replace"}

// parseChange reads an -ActiveServers value: $null, an empty list or
// hashtable (clear), a hashtable with Add, Remove and/or Replace, or a
// plain list (replace).
func parseChange(v any) (Change, error) {
	switch x := v.(type) {
	case nil:
		return Change{Clear: true}, nil
	case *cmdlet.Hashtable:
		return parseModifier(x)
	}
	list, err := serverList("ActiveServers", v)
	if err != nil || len(list) == 0 {
		return Change{Clear: len(list) == 0}, err
	}
	return Change{Replace: list}, nil
}

func parseModifier(h *cmdlet.Hashtable) (Change, error) {
	var c Change
	if h == nil || h.Len() == 0 {
		return Change{Clear: true}, nil
	}
	for i, key := range h.Keys {
		list, err := serverList(key, h.Values[i])
		if err != nil {
			return c, err
		}
		if k := canonicalKey(key); k != "" {
			c.order = append(c.order, k)
		}
		switch strings.ToLower(key) {
		case "add":
			c.Add = list
		case "remove":
			c.Remove = list
		case "replace":
			c.Replace, c.Clear = list, len(list) == 0
		default:
			return c, badModifierKey(key)
		}
	}
	if (c.Replace != nil || c.Clear) && (c.Add != nil || c.Remove != nil) {
		return c, usage("ReplaceWithAddRemove", "Use Replace alone, or Add and Remove; not both.")
	}
	return c, nil
}

func canonicalKey(key string) string {
	for _, k := range modifierKeys {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	return ""
}

func badModifierKey(key string) error {
	rec := usage("InvalidListModifier", "'%s' is not a list modifier; use Add, Remove or Replace.", key)
	if s := cmdlet.Suggest(key, modifierKeys, 1); len(s) > 0 {
		rec.Hint = "did you mean '" + s[0] + "'?"
	}
	return rec
}

// serverList reads a string or a list of strings.
func serverList(what string, v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	if v == nil {
		items = nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, usage("InvalidServerName", "%s takes server FQDNs; got %v.", what, it)
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, nil
}

func usage(id, format string, args ...any) *cmdlet.ErrorRecord {
	rec := cmdlet.Errorf(cmdlet.CategoryInvalidArgument, id, "", format, args...)
	rec.Code = cmdlet.ExitUsage
	return rec
}

// Line is the documented Management Shell line for the change, with the
// modifier keys in the order given, e.g.
// Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='pc5.contoso.com'}.
func (c Change) Line() string {
	base := "Set-CsPersistentChatActiveServer -Identity " + psQuote(c.Identity)
	switch {
	case c.Swap:
		return base + " -Swap"
	case c.Clear:
		return base + " -ActiveServers $null"
	}
	lists := map[string][]string{"Add": c.Add, "Remove": c.Remove, "Replace": c.Replace}
	order := c.order
	if order == nil {
		order = modifierKeys
	}
	var parts []string
	for _, k := range order {
		if lists[k] != nil {
			parts = append(parts, k+"="+psList(lists[k]))
		}
	}
	return base + " -ActiveServers @{" + strings.Join(parts, "; ") + "}"
}

// Apply returns the pool as the change leaves it. Names are matched
// without case; names that are not in the pool stay in the active list
// for the rules to reject.
func (c Change) Apply(p *PoolInfo) *PoolInfo {
	all := p.servers()
	var active []string
	switch {
	case c.Swap:
		active = p.InactiveServers
	case c.Clear:
	case c.Replace != nil:
		active = canonical(c.Replace, all)
	default:
		active = addRemove(canonical(p.ActiveServers, all), canonical(c.Add, all), canonical(c.Remove, all))
	}
	out := &PoolInfo{FQDN: p.FQDN, PoolState: p.PoolState, ActiveServers: append([]string{}, active...)}
	for _, s := range all {
		if !containsFold(active, s) {
			out.InactiveServers = append(out.InactiveServers, s)
		}
	}
	return out
}

func addRemove(active, add, remove []string) []string {
	var out []string
	for _, s := range active {
		if !containsFold(remove, s) {
			out = append(out, s)
		}
	}
	for _, s := range add {
		if !containsFold(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// canonical spells each name as the pool does.
func canonical(names, all []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		for _, a := range all {
			if strings.EqualFold(a, n) {
				out[i] = a
			}
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
