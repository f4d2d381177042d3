package schedule

import (
	"fmt"
	"strings"
)

// A cron field is a bit set: bit v is set when value v matches. robfig
// sets bit 63 for a field written * (for the day fields it matters: cron
// runs on a day matching either day field only when neither is *).
const starBit = uint64(1) << 63

// values lists the values set in bits between lo and hi.
func values(bits uint64, lo, hi int) []int {
	var out []int
	for v := lo; v <= hi; v++ {
		if bits&(1<<uint(v)) != 0 {
			out = append(out, v)
		}
	}
	return out
}

// all reports whether every value between lo and hi is set.
func all(bits uint64, lo, hi int) bool { return len(values(bits, lo, hi)) == hi-lo+1 }

// progression reports whether vs is start, start+step, … up to hi with
// start < step, that is "every step from start" over the whole range.
func progression(vs []int, lo, hi int) (start, step int, ok bool) {
	if len(vs) < 2 {
		return 0, 0, false
	}
	start, step = vs[0], vs[1]-vs[0]
	for i, v := range vs {
		if v != start+i*step {
			return 0, 0, false
		}
	}
	return start, step, start-lo < step && vs[len(vs)-1]+step > hi
}

// calendarField writes a field in systemd's calendar syntax: *, a/s for
// a progression (when steps: weekdays take none), otherwise values and
// a..b runs separated by commas; name turns a value into its text.
func calendarField(bits uint64, lo, hi int, steps bool, name func(int) string) string {
	vs := values(bits, lo, hi)
	if len(vs) == hi-lo+1 {
		return "*"
	}
	if start, step, ok := progression(vs, lo, hi); ok && step > 1 && steps {
		return name(start) + "/" + fmt.Sprint(step)
	}
	var parts []string
	for i := 0; i < len(vs); {
		j := i
		for j+1 < len(vs) && vs[j+1] == vs[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, name(vs[i])+".."+name(vs[j]))
		case j > i:
			parts = append(parts, name(vs[i]), name(vs[j]))
		default:
			parts = append(parts, name(vs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func twoDigits(v int) string { return fmt.Sprintf("%02d", v) }

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

func shortDay(v int) string { return weekdays[v][:3] }
