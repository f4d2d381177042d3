package topology

import (
	"fmt"
	"strings"
)

// Problem is one defect found while loading a topology document.
type Problem struct {
	File    string // the document's file name
	Line    int    // 0 when unknown
	Path    string // the field path, e.g. chatPools[1].servers[2].site
	Message string // lowercase, no trailing period
	Hint    string // e.g. "did you mean 'active'?"
}

// String renders file:line: path: message (hint).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("; " + p.Hint)
	}
	return b.String()
}

// LoadError lists every problem of a topology document that failed to load.
type LoadError struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
