package topology

import (
	"fmt"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// decoder turns Lua values into the model, recording every problem rather
// than stopping at the first.
type decoder struct {
	file     string
	pos      positions
	problems []Problem
}

func (d *decoder) fail(path, hint, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: d.pos.line(path), Path: path,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// record is a Lua table read as a record: every key read is known, and
// done reports the keys that were never read.
type record struct {
	d     *decoder
	path  string
	t     *lua.LTable
	known []string
}

// record returns v as a record, or nil after recording a problem.
func (d *decoder) record(v lua.LValue, path string) *record {
	t, ok := v.(*lua.LTable)
	if !ok {
		d.fail(path, "", "expected a table, got %s", typeName(v))
		return nil
	}
	return &record{d: d, path: path, t: t}
}

func typeName(v lua.LValue) string {
	if v == lua.LNil {
		return "nil"
	}
	return v.Type().String()
}

// get reads a field, remembering the key as known.
func (r *record) get(key string) lua.LValue {
	r.known = append(r.known, key)
	return r.t.RawGetString(key)
}

func (r *record) at(key string) string { return joinPath(r.path, key) }

// str reads a string field; required fields must be present and non-empty.
func (r *record) str(key string, required bool) string {
	switch v := r.get(key).(type) {
	case lua.LString:
		if required && v == "" {
			r.d.fail(r.at(key), "", "must not be empty")
		}
		return string(v)
	case *lua.LNilType:
		if required {
			r.d.fail(r.path, "", "missing required field '%s'", key)
		}
	default:
		r.d.fail(r.at(key), "", "expected a string, got %s", typeName(v))
	}
	return ""
}

// oneOf reads an optional string field restricted to values; def when
// absent.
func (r *record) oneOf(key, def string, values ...string) string {
	s := r.str(key, false)
	if s == "" {
		return def
	}
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return v
		}
	}
	r.d.fail(r.at(key), suggestHint(s, values), "%q is not one of %s", s, strings.Join(values, ", "))
	return def
}

// integer reads an optional whole number in [lo, hi]; def when absent.
func (r *record) integer(key string, def, lo, hi int) int {
	switch v := r.get(key).(type) {
	case *lua.LNilType:
		return def
	case lua.LNumber:
		n := int(v)
		if float64(n) != float64(v) || n < lo || n > hi {
			r.d.fail(r.at(key), "", "expected a whole number from %d to %d, got %v", lo, hi, v)
		}
		return n
	default:
		r.d.fail(r.at(key), "", "expected a number, got %s", typeName(v))
	}
	return def
}

// boolean reads an optional boolean, false when absent.
func (r *record) boolean(key string) bool {
	switch v := r.get(key).(type) {
	case *lua.LNilType:
		return false
	case lua.LBool:
		return bool(v)
	default:
		r.d.fail(r.at(key), "", "expected true or false, got %s", typeName(v))
	}
	return false
}

// list calls item for each element of a sequence field.
func (r *record) list(key string, required bool, item func(v lua.LValue, path string)) {
	v := r.get(key)
	if v == lua.LNil {
		if required {
			r.d.fail(r.path, "", "missing required field '%s'", key)
		}
		return
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		r.d.fail(r.at(key), "", "expected a list (table), got %s", typeName(v))
		return
	}
	r.d.sequence(t, r.at(key), item)
}

// sequence checks that t is a sequence 1..n and visits its elements.
func (d *decoder) sequence(t *lua.LTable, path string, item func(v lua.LValue, path string)) {
	n := t.Len()
	t.ForEach(func(k, _ lua.LValue) {
		if i, ok := k.(lua.LNumber); !ok || i < 1 || int(i) > n || float64(int(i)) != float64(i) {
			d.fail(path, "", "expected a list, found key %s", lua.LVAsString(k))
		}
	})
	for i := 1; i <= n; i++ {
		item(t.RawGetInt(i), fmt.Sprintf("%s[%d]", path, i))
	}
}

// strings reads an optional list of strings.
func (r *record) strings(key string) []string {
	var out []string
	r.list(key, false, func(v lua.LValue, path string) {
		s, ok := v.(lua.LString)
		if !ok {
			r.d.fail(path, "", "expected a string, got %s", typeName(v))
			return
		}
		out = append(out, string(s))
	})
	return out
}

// sub reads an optional nested record; nil when absent.
func (r *record) sub(key string) *record {
	v := r.get(key)
	if v == lua.LNil {
		return nil
	}
	return r.d.record(v, r.at(key))
}

// need reads a required nested record.
func (r *record) need(key string) *record {
	if r.t.RawGetString(key) == lua.LNil {
		r.known = append(r.known, key)
		r.d.fail(r.path, "", "missing required field '%s'", key)
		return nil
	}
	return r.sub(key)
}

// done reports every key of the table that was never read.
func (r *record) done() {
	var unknown []string
	r.t.ForEach(func(k, _ lua.LValue) {
		s, ok := k.(lua.LString)
		if !ok {
			r.d.fail(r.path, "", "expected named fields, found key %s", lua.LVAsString(k))
			return
		}
		if !contains(r.known, string(s)) {
			unknown = append(unknown, string(s))
		}
	})
	sort.Strings(unknown)
	for _, k := range unknown {
		r.d.fail(r.at(k), suggestHint(k, r.known), "unknown field '%s'", k)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggestHint returns "did you mean 'x'?" for a close candidate, else "".
func suggestHint(got string, candidates []string) string {
	if s := cmdlet.Suggest(got, candidates, 1); len(s) > 0 {
		return fmt.Sprintf("did you mean '%s'?", s[0])
	}
	return ""
}
