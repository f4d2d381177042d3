package help

import (
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
)

// DefaultWidth is the help width when COLUMNS does not say.
const DefaultWidth = 80

// Width returns the width help wraps to: COLUMNS, or DefaultWidth.
func Width(getenv func(string) string) int {
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 20 {
		return n
	}
	return DefaultWidth
}

// Wrap breaks the lines of rendered help longer than width at spaces,
// continuing each at its own indentation. Example code (PS> and Lua>
// lines) is left whole, so it can be copied, and so are the example
// separators.
func Wrap(text string, width int) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimSuffix(line, "\n")
		trimmed := strings.TrimLeft(body, " ")
		if runewidth.StringWidth(body) <= width || keepWhole(trimmed) {
			b.WriteString(line)
			continue
		}
		pad := body[:len(body)-len(trimmed)]
		b.WriteString(wrapLine(trimmed, pad, width))
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func keepWhole(line string) bool {
	return strings.HasPrefix(line, "PS> ") || strings.HasPrefix(line, "Lua> ") || strings.HasPrefix(line, "-----")
}

// wrapLine breaks s at the last space that fits in width, again and again,
// each line starting with pad; the spacing inside a line is kept, and a
// word longer than a line stands alone.
func wrapLine(s, pad string, width int) string {
	var lines []string
	room := max(width-runewidth.StringWidth(pad), 1)
	for runewidth.StringWidth(s) > room {
		cut := strings.LastIndexByte(runewidth.Truncate(s, room+1, ""), ' ')
		if cut <= 0 {
			if cut = strings.IndexByte(s, ' '); cut < 0 {
				break
			}
		}
		lines = append(lines, pad+strings.TrimRight(s[:cut], " "))
		s = strings.TrimLeft(s[cut:], " ")
	}
	return strings.Join(append(lines, pad+s), "\n")
}
