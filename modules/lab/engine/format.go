package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// formatMessage expands a sys.messages template. Every specifier (%ls,
// %.*ls, %hs, %d, %ld, %I64d, %u, %S_MSG, %03d …) consumes the next
// argument; a missing argument prints as empty text, as the omitted
// inserts of 18456 do.
func formatMessage(template string, args []any) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(template); i++ {
		c := template[i]
		if c != '%' || i+1 >= len(template) {
			b.WriteByte(c)
			continue
		}
		if template[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		width, n := parseSpecifier(template[i+1:])
		var arg any
		if next < len(args) {
			arg = args[next]
		}
		next++
		b.WriteString(formatArg(arg, width))
		i += n
	}
	return b.String()
}

// parseSpecifier returns the zero-padded width (0 for none) and the number
// of bytes after the '%' that the specifier spans.
func parseSpecifier(s string) (width int, n int) {
	if strings.HasPrefix(s, "S_MSG") {
		return 0, len("S_MSG")
	}
	if strings.HasPrefix(s, ".*") {
		n = 2
	}
	if n < len(s) && s[n] == '0' {
		start := n
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		width, _ = strconv.Atoi(s[start:n])
	}
	for _, mod := range []string{"I64", "l", "h"} {
		if strings.HasPrefix(s[n:], mod) {
			n += len(mod)
			break
		}
	}
	if n < len(s) {
		n++ // the conversion character
	}
	return width, n
}

// formatArg prints one insert; integers honour a zero-padded width.
func formatArg(arg any, width int) string {
	if arg == nil {
		return ""
	}
	if width > 0 {
		return fmt.Sprintf("%0*d", width, arg)
	}
	return fmt.Sprint(arg)
}

// itoa formats an integer without fmt.
func itoa(v int64) string { return strconv.FormatInt(v, 10) }
