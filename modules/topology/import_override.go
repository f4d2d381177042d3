package topology

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// readOverride reads an override file: a fragment of the topology
// document, in Lua (a chunk returning a table, run in the document's
// sandbox) or, for a .json file, in JSON.
func readOverride(ctx context.Context, path string) (*docTable, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if strings.EqualFold(extOf(path), ".json") {
		d := json.NewDecoder(bytes.NewReader(src))
		d.UseNumber()
		var raw any
		if err := d.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%s is not valid JSON: %w", path, err)
		}
		v, err = fromJSON(raw)
	} else {
		L := newSandbox()
		defer L.Close()
		lv, lerr := evaluate(ctx, L, path, string(src))
		if lerr != nil {
			p := luaProblem(path, lerr)
			return nil, errors.New(p.String())
		}
		v, err = fromLua(lv, 0)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t, ok := v.(*docTable)
	if !ok {
		return nil, fmt.Errorf("%s must hold a table (an object) of document fields", path)
	}
	return t, nil
}

func extOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 && !strings.ContainsAny(path[i:], `/\`) {
		return path[i:]
	}
	return ""
}

// fromLua converts a Lua value: a table with keys 1..n is a list, one with
// string keys a record; numbers that are whole become int.
func fromLua(v lua.LValue, depth int) (any, error) {
	if depth > 32 {
		return nil, errors.New("the override is nested too deeply")
	}
	switch x := v.(type) {
	case lua.LString:
		return string(x), nil
	case lua.LBool:
		return bool(x), nil
	case lua.LNumber:
		return number(float64(x)), nil
	case *lua.LTable:
		n := x.Len()
		t := newDocTable()
		var list []any
		var err error
		x.ForEach(func(k, e lua.LValue) {
			if err != nil {
				return
			}
			var c any
			if c, err = fromLua(e, depth+1); err != nil {
				return
			}
			switch key := k.(type) {
			case lua.LString:
				t.set(string(key), c)
			case lua.LNumber:
				if i := int(key); float64(i) != float64(key) || i < 1 || i > n {
					err = fmt.Errorf("a list index %v that is not 1..%d", key, n)
				}
			default:
				err = fmt.Errorf("a key of type %s", k.Type())
			}
		})
		if err != nil {
			return nil, err
		}
		if n > 0 {
			if len(t.keys) > 0 {
				return nil, errors.New("a table that is both a list and a record")
			}
			for i := 1; i <= n; i++ {
				c, err := fromLua(x.RawGetInt(i), depth+1)
				if err != nil {
					return nil, err
				}
				list = append(list, c)
			}
			return list, nil
		}
		if len(t.keys) == 0 {
			return []any{}, nil
		}
		return t, nil
	}
	return nil, fmt.Errorf("a value of type %s", v.Type())
}

func number(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int(f)
	}
	return f
}

// fromJSON converts decoded JSON (UseNumber) to document values.
func fromJSON(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		t := newDocTable()
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c, err := fromJSON(x[k])
			if err != nil {
				return nil, err
			}
			t.set(k, c)
		}
		return t, nil
	case []any:
		out := []any{}
		for _, e := range x {
			c, err := fromJSON(e)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return nil, err
		}
		return number(f), nil
	case string, bool:
		return x, nil
	}
	return nil, fmt.Errorf("a null or unsupported value")
}

// mergeDoc merges src over dst: records field by field, lists of named
// items (sites, pools, servers, stores) item by item, matched by name or
// fqdn in any case, new items appended; anything else is replaced.
func mergeDoc(dst, src *docTable) {
	for _, k := range src.keys {
		sv := src.vals[k]
		if dv, ok := dst.vals[k]; ok {
			sv = mergeValue(dv, sv)
		}
		dst.set(k, sv)
	}
}

func mergeValue(dst, src any) any {
	switch s := src.(type) {
	case *docTable:
		if d, ok := dst.(*docTable); ok {
			mergeDoc(d, s)
			return d
		}
	case []any:
		d, ok := dst.([]any)
		if !ok || !keyedList(s) || !keyedList(d) {
			return src
		}
		for _, it := range s {
			item := it.(*docTable)
			if match := findItem(d, itemName(item)); match != nil {
				mergeDoc(match, item)
			} else {
				d = append(d, item)
			}
		}
		return d
	}
	return src
}

func keyedList(l []any) bool {
	for _, it := range l {
		t, ok := it.(*docTable)
		if !ok || itemName(t) == "" {
			return false
		}
	}
	return true
}
