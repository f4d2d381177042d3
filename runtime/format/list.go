package format

import (
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
)

// List writes objects as PowerShell lists: "Name : value" lines, names
// padded to the longest, a blank line between objects. props selects the
// properties; empty or "*" means all of each object's properties. A
// hashtable shows one Name/Value entry per key.
func List(w io.Writer, objs []any, props []string) error {
	if allProps(props) {
		objs = entries(objs)
	}
	var b strings.Builder
	for i, o := range objs {
		if i > 0 {
			b.WriteByte('\n')
		}
		names := listNames(o, props)
		pad := 0
		for _, n := range names {
			pad = max(pad, len(n))
		}
		for _, n := range names {
			b.WriteString(n + strings.Repeat(" ", pad-len(n)) + " : ")
			b.WriteString(indentLines(Text(property(o, n)), pad+3))
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func listNames(o any, props []string) []string {
	if !allProps(props) {
		return props
	}
	switch x := o.(type) {
	case *cmdlet.Object:
		return x.Names()
	case *cmdlet.Hashtable:
		return x.Keys
	}
	return []string{"Value"}
}

func indentLines(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}
