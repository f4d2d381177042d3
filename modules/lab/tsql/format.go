package tsql

import (
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

// joinNodes renders nodes separated by sep.
func joinNodes[N Node](nodes []N, sep string) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = n.String()
	}
	return strings.Join(parts, sep)
}

// quoteIdents renders identifiers separated by ", ".
func quoteIdents(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = QuoteIdent(n)
	}
	return strings.Join(parts, ", ")
}

// optional renders prefix + n when n is not nil.
func optional(prefix string, n Node) string {
	if n == nil {
		return ""
	}
	return prefix + n.String()
}

// words joins the non-empty strings with single spaces.
func words(ws ...string) string {
	out := ws[:0:0]
	for _, w := range ws {
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
