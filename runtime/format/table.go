package format

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"pcsh/runtime/cmdlet"
)

// column is one table column being laid out.
type column struct {
	name   string
	width  int
	number bool
	cells  []string
}

// Table writes objects as a PowerShell table: a header row, a dash row per
// column, strings left-aligned and numbers right-aligned. props selects the
// columns; empty means each object's default view. Rows wider than width
// are truncated with "…". A hashtable shows one Name/Value row per key.
func Table(w io.Writer, objs []any, props []string, width int) error {
	if len(props) == 0 {
		objs = entries(objs)
		props = viewOf(objs)
	}
	cols := layout(objs, props)
	fit(cols, width)
	var b strings.Builder
	writeRow(&b, cols, func(c *column) string { return c.name })
	writeRow(&b, cols, func(c *column) string { return strings.Repeat("-", runewidth.StringWidth(c.name)) })
	for i := range objs {
		writeRow(&b, cols, func(c *column) string { return c.cells[i] })
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func layout(objs []any, props []string) []*column {
	cols := make([]*column, len(props))
	for i, p := range props {
		c := &column{name: p, width: runewidth.StringWidth(p), number: len(objs) > 0}
		for _, o := range objs {
			v := property(o, p)
			cell := strings.ReplaceAll(Text(v), "\n", " ")
			c.cells = append(c.cells, cell)
			c.width = max(c.width, runewidth.StringWidth(cell))
			c.number = c.number && (v == nil || isNumber(v))
		}
		cols[i] = c
	}
	return cols
}

// fit shrinks the widest columns until the row fits in width.
func fit(cols []*column, width int) {
	if width <= 0 {
		return
	}
	total := func() int {
		t := len(cols) - 1
		for _, c := range cols {
			t += c.width
		}
		return t
	}
	for total() > width {
		widest := cols[0]
		for _, c := range cols {
			if c.width > widest.width {
				widest = c
			}
		}
		if widest.width <= 4 {
			return
		}
		widest.width--
	}
}

func writeRow(b *strings.Builder, cols []*column, cell func(*column) string) {
	var line strings.Builder
	for i, c := range cols {
		if i > 0 {
			line.WriteByte(' ')
		}
		s := runewidth.Truncate(cell(c), c.width, "…")
		pad := strings.Repeat(" ", c.width-runewidth.StringWidth(s))
		if c.number {
			line.WriteString(pad + s)
		} else if i < len(cols)-1 {
			line.WriteString(s + pad)
		} else {
			line.WriteString(s)
		}
	}
	b.WriteString(strings.TrimRight(line.String(), " "))
	b.WriteByte('\n')
}

// property reads a property of an object, or the value itself for a scalar
// when the column is the pseudo-property "Value".
func property(o any, name string) any {
	switch x := o.(type) {
	case *cmdlet.Object:
		v, _ := x.Get(name)
		return v
	case *cmdlet.Hashtable:
		v, _ := x.Get(name)
		return v
	}
	if name == "Value" {
		return o
	}
	return nil
}

// viewOf returns the default view of the first object.
func viewOf(objs []any) []string {
	for _, o := range objs {
		switch x := o.(type) {
		case *cmdlet.Object:
			return x.View()
		case *cmdlet.Hashtable:
			return []string{"Name", "Value"}
		}
		return []string{"Value"}
	}
	return nil
}
