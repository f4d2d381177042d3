package topology

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// docTable is a topology document (or a part of one) as data, before it is
// written as Lua: values are string, int, bool, []any or *docTable. Keys
// are written in the document's field order, so an import reads like a
// hand-written topology.lua.
type docTable struct {
	keys []string
	vals map[string]any
}

func newDocTable() *docTable { return &docTable{vals: map[string]any{}} }

// set sets key to v; a nil v, "" or an empty list leaves the key out.
func (t *docTable) set(key string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case string:
		if x == "" {
			return
		}
	case []any:
		if x == nil {
			return
		}
	}
	if _, ok := t.vals[key]; !ok {
		t.keys = append(t.keys, key)
	}
	t.vals[key] = v
}

func (t *docTable) get(key string) (any, bool) {
	v, ok := t.vals[key]
	return v, ok
}

// fieldOrder is the order fields are written in, as README.md lists them;
// a key it does not know (a typo in an override) goes last, for the loader
// to reject with a "did you mean".
var fieldOrder = []string{"sites", "chatPools", "sqlStores", "logShipping", "schedules", "thresholds",
	"name", "fqdn", "host", "instance", "site", "frontEnd", "timeZone", "lowLatency",
	"port", "nextHop", "defaultFor", "defaultForAllSites", "singleComputer", "disasterRecovery", "compliance",
	"fileStore", "state", "active", "servers", "stores", "complianceStores",
	"primary", "mirror", "witness", "backup", "backupMirror", "backupWitness",
	"version", "edition", "bits", "mirroringPort", "domain", "alwaysOn",
	"share", "backupDirectory", "copyDirectory",
	"backupMinutes", "copyMinutes", "restoreMinutes", "restoreDelayMinutes", "retentionMinutes",
	"backupAlertMinutes", "restoreAlertMinutes"}

func fieldRank(k string) int {
	for i, f := range fieldOrder {
		if f == k {
			return i
		}
	}
	return len(fieldOrder)
}

func (t *docTable) sortedKeys() []string {
	keys := append([]string(nil), t.keys...)
	sort.SliceStable(keys, func(i, j int) bool { return fieldRank(keys[i]) < fieldRank(keys[j]) })
	return keys
}

// lua writes the document: header comment lines, then `return { … }`.
func (t *docTable) lua(header []string) string {
	var b strings.Builder
	for _, h := range header {
		b.WriteString("-- " + h + "\n")
	}
	b.WriteString("return ")
	writeLuaValue(&b, t, "")
	b.WriteString("\n")
	return b.String()
}

func writeLuaValue(b *strings.Builder, v any, indent string) {
	switch x := v.(type) {
	case *docTable:
		if x.flat() {
			b.WriteString("{ ")
			for i, k := range x.sortedKeys() {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(luaKey(k) + " = ")
				writeLuaValue(b, x.vals[k], "")
			}
			b.WriteString(" }")
			return
		}
		b.WriteString("{\n")
		for _, k := range x.sortedKeys() {
			b.WriteString(indent + "  " + luaKey(k) + " = ")
			writeLuaValue(b, x.vals[k], indent+"  ")
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		if scalars(x) {
			b.WriteString("{ ")
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				writeLuaValue(b, e, "")
			}
			b.WriteString(" }")
			return
		}
		b.WriteString("{\n")
		for _, e := range x {
			b.WriteString(indent + "  ")
			writeLuaValue(b, e, indent+"  ")
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case string:
		b.WriteString(luaString(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	default:
		fmt.Fprintf(b, "%q", fmt.Sprint(x))
	}
}

// flat reports whether a table is written on one line: only scalars, as
// servers and SQL stores are in the example document.
func (t *docTable) flat() bool {
	for _, v := range t.vals {
		switch v.(type) {
		case *docTable, []any:
			return false
		}
	}
	return len(t.vals) > 0 && len(t.vals) <= 12
}

func scalars(list []any) bool {
	for _, e := range list {
		switch e.(type) {
		case *docTable, []any:
			return false
		}
	}
	return true
}

// luaKey writes a key as a name when it is one, else as ["…"].
func luaKey(k string) string {
	ok := k != ""
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ok = false
		}
	}
	if ok && !luaKeywords[k] {
		return k
	}
	return "[" + luaString(k) + "]"
}

var luaKeywords = map[string]bool{"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "if": true, "in": true, "local": true, "nil": true, "not": true,
	"or": true, "repeat": true, "return": true, "then": true, "true": true, "until": true, "while": true}

// luaString quotes s for Lua: a UNC or Windows path as a [[long string]]
// (as the example document writes them), anything else in double quotes
// with decimal escapes for control bytes.
func luaString(s string) string {
	if strings.Contains(s, `\`) && !strings.ContainsAny(s, "\n\r]") && !hasControl(s) {
		return "[[" + s + "]]"
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\%03d`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// lookup finds a field by its Compare-PcTopology path
// (chatPools[pc.contoso.com].servers[pc5.contoso.com].site): list items
// by name or fqdn, any case.
func (t *docTable) lookup(path string) (any, bool) {
	var cur any = t
	for _, part := range splitDocPath(path) {
		switch x := cur.(type) {
		case *docTable:
			v, ok := x.get(part.field)
			if !ok {
				return nil, false
			}
			cur = v
		default:
			return nil, false
		}
		if part.item != "" {
			item := findItem(cur, part.item)
			if item == nil {
				return nil, false
			}
			cur = item
		}
	}
	return cur, true
}

type docPathPart struct{ field, item string }

func splitDocPath(path string) []docPathPart {
	var out []docPathPart
	for path != "" {
		var part docPathPart
		i := strings.IndexAny(path, ".[")
		if i < 0 {
			out = append(out, docPathPart{field: path})
			break
		}
		part.field, path = path[:i], path[i:]
		if strings.HasPrefix(path, "[") {
			j := strings.Index(path, "]")
			if j < 0 {
				j = len(path) - 1
			}
			part.item, path = path[1:j], path[j+1:]
		}
		path = strings.TrimPrefix(path, ".")
		out = append(out, part)
	}
	return out
}

// findItem returns the item of a keyed list whose name or fqdn is key.
func findItem(list any, key string) *docTable {
	items, _ := list.([]any)
	for _, it := range items {
		if t, ok := it.(*docTable); ok && strings.EqualFold(itemName(t), key) {
			return t
		}
	}
	return nil
}

// itemName is a list item's key: its name, else its fqdn.
func itemName(t *docTable) string {
	for _, k := range []string{"name", "fqdn"} {
		if s, ok := t.vals[k].(string); ok {
			return s
		}
	}
	return ""
}
