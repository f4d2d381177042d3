package drill

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// text is a pipeline value as a string.
func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

func itoa(n int) string { return strconv.Itoa(n) }

// toTime reads a time, or its text as tables print it or as RFC 3339.
func toTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05"} {
			if t, err := time.ParseInLocation(layout, x, time.Local); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// toDuration reads a duration, or its text: [d.]hh:mm:ss[.fff] as pcsh
// prints it, or Go's 1.5s form.
func toDuration(v any) (time.Duration, bool) {
	switch x := v.(type) {
	case time.Duration:
		return x, true
	case string:
		if d, err := time.ParseDuration(x); err == nil {
			return d, true
		}
		return clockDuration(x)
	}
	return 0, false
}

func clockDuration(s string) (time.Duration, bool) {
	var days time.Duration
	if i := strings.Index(s, "."); i > 0 && i < strings.Index(s, ":") {
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			return 0, false
		}
		days, s = time.Duration(n)*24*time.Hour, s[i+1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	sec, err3 := strconv.ParseFloat(parts[2], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	return days + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec*float64(time.Second)), true
}
