package format

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

// TimeLayout is how times print in tables and lists.
const TimeLayout = "2006-01-02 15:04:05"

// DateLayout is how a date printed on its own line looks: PowerShell's
// long form of Get-Date in the en-US culture.
const DateLayout = "Monday, January 2, 2006 3:04:05 PM"

// Text renders one value for a table cell or list line, the way PowerShell
// shows it: True/False, arrays as {a, b}, nested objects as @{K=v}.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format(TimeLayout)
	case time.Duration:
		return durationText(x)
	case []any:
		return "{" + joinText(x) + "}"
	case []byte:
		return fmt.Sprintf("0x%X", x)
	case *cmdlet.Object:
		return objectText(x)
	case *cmdlet.Hashtable:
		return hashText(x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func joinText(items []any) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = Text(it)
	}
	return strings.Join(parts, ", ")
}

func objectText(o *cmdlet.Object) string {
	parts := make([]string, len(o.Props))
	for i, p := range o.Props {
		parts[i] = p.Name + "=" + Text(p.Value)
	}
	return "@{" + strings.Join(parts, "; ") + "}"
}

func hashText(h *cmdlet.Hashtable) string {
	parts := make([]string, h.Len())
	for i, k := range h.Keys {
		parts[i] = k + "=" + Text(h.Values[i])
	}
	return "@{" + strings.Join(parts, "; ") + "}"
}

// durationText prints a duration as a TimeSpan: [d.]hh:mm:ss[.fff].
func durationText(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	days := int64(d / (24 * time.Hour))
	d -= time.Duration(days) * 24 * time.Hour
	s := fmt.Sprintf("%02d:%02d:%02d", int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60)
	if ms := int(d/time.Millisecond) % 1000; ms != 0 {
		s += fmt.Sprintf(".%03d", ms)
	}
	if days > 0 {
		s = fmt.Sprintf("%d.%s", days, s)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// isNumber reports whether a value right-aligns in a table.
func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}
