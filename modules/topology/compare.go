package topology

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Change is one difference between two topologies.
type Change struct {
	Path            string // e.g. chatPools[pc.contoso.com].servers[pc5.contoso.com].active
	Change          string // Added, Removed or Changed
	ReferenceValue  string
	DifferenceValue string
}

// The kinds of change.
const (
	ChangeAdded   = "Added"
	ChangeRemoved = "Removed"
	ChangeChanged = "Changed"
)

// Compare lists what changed from ref to diff, sorted by path. List items
// with a name or fqdn are matched by it, so reordering is not a change.
func Compare(ref, diff *Topology) ([]Change, error) {
	a, err := tree(ref)
	if err != nil {
		return nil, err
	}
	b, err := tree(diff)
	if err != nil {
		return nil, err
	}
	var out []Change
	compareValue("", a, b, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// tree turns a topology into generic JSON values.
func tree(t *Topology) (any, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var v any
	return v, json.Unmarshal(b, &v)
}

func compareValue(path string, a, b any, out *[]Change) {
	switch {
	case a == nil && b == nil:
	case a == nil:
		*out = append(*out, Change{Path: path, Change: ChangeAdded, DifferenceValue: render(b)})
	case b == nil:
		*out = append(*out, Change{Path: path, Change: ChangeRemoved, ReferenceValue: render(a)})
	default:
		compareBoth(path, a, b, out)
	}
}

func compareBoth(path string, a, b any, out *[]Change) {
	am, aok := asMap(a)
	bm, bok := asMap(b)
	if aok && bok {
		for _, k := range unionKeys(am, bm) {
			compareValue(k.path(path), am[k], bm[k], out)
		}
		return
	}
	if ra, rb := render(a), render(b); ra != rb {
		*out = append(*out, Change{Path: path, Change: ChangeChanged, ReferenceValue: ra, DifferenceValue: rb})
	}
}

// mapKey is a key of an object (field) or of a keyed list (item).
type mapKey struct {
	key  string
	item bool
}

func (k mapKey) path(prefix string) string {
	if k.item {
		return prefix + "[" + k.key + "]"
	}
	return joinPath(prefix, k.key)
}

// asMap views an object as its fields, and a list whose items all have a
// name or fqdn as those items by key.
func asMap(v any) (map[mapKey]any, bool) {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[mapKey]any, len(x))
		for k, e := range x {
			m[mapKey{key: k}] = e
		}
		return m, true
	case []any:
		return keyedItems(x)
	}
	return nil, false
}

func keyedItems(items []any) (map[mapKey]any, bool) {
	m := make(map[mapKey]any, len(items))
	for _, it := range items {
		obj, ok := it.(map[string]any)
		if !ok {
			return nil, false
		}
		key, ok := itemKey(obj)
		if !ok {
			return nil, false
		}
		m[mapKey{key: key, item: true}] = it
	}
	return m, len(items) > 0
}

func itemKey(obj map[string]any) (string, bool) {
	for _, k := range []string{"name", "fqdn"} {
		if s, ok := obj[k].(string); ok {
			return s, true
		}
	}
	return "", false
}

func unionKeys(a, b map[mapKey]any) []mapKey {
	var keys []mapKey
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].key < keys[j].key })
	return keys
}

// render shows a scalar as itself and anything else as compact JSON.
func render(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
