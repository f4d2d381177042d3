package format

import "pcsh/runtime/cmdlet"

// entryType is the type name of a hashtable entry shown on its own row.
const entryType = "DictionaryEntry"

// entries expands each hashtable into one Name/Value object per key, the
// way PowerShell displays a hashtable; other objects stay as they are.
func entries(objs []any) []any {
	n := 0
	for _, o := range objs {
		if h, ok := o.(*cmdlet.Hashtable); ok {
			n += h.Len()
		} else {
			n++
		}
	}
	out := make([]any, 0, n)
	for _, o := range objs {
		h, ok := o.(*cmdlet.Hashtable)
		if !ok {
			out = append(out, o)
			continue
		}
		for i, k := range h.Keys {
			out = append(out, cmdlet.NewObject(entryType).Set("Name", k).Set("Value", h.Values[i]))
		}
	}
	return out
}

// allProps reports whether a property selection means "the default".
func allProps(props []string) bool {
	return len(props) == 0 || len(props) == 1 && props[0] == "*"
}
