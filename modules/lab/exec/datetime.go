package exec

import (
	"slices"
	"strings"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// dateLayouts are the string forms accepted for date and time values.
func dateLayouts() []string {
	return []string{"2006-01-02 15:04:05.9999999", "2006-01-02T15:04:05.9999999", time.RFC3339Nano,
		"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02", "20060102",
		"20060102 15:04:05", "20060102 15:04:05.999", "01/02/2006", "01/02/2006 15:04:05", "Jan _2 2006 3:04PM",
		"Jan _2 2006  3:04PM", "15:04:05", "15:04", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05-07:00",
		"2006-01-02T15:04:05-07:00"}
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts() {
		if t, err := time.Parse(l, s); err == nil {
			if l == "15:04:05" || l == "15:04" {
				t = t.AddDate(1900, 0, 0)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// withOffset returns the instant tm in a fixed zone of its own offset,
// the form of datetimeoffset values; a UTC wall clock becomes +00:00.
func withOffset(tm time.Time) time.Time {
	_, off := tm.Zone()
	return tm.In(time.FixedZone("", off))
}

func toTime(v value, t sqlType) (any, error) {
	var tm time.Time
	switch x := v.v.(type) {
	case time.Time:
		tm = x
	case string:
		p, ok := parseTime(x)
		if !ok {
			return nil, engine.Raise(241)
		}
		tm = p
	case int64:
		tm = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(x))
	default:
		return nil, conversionFailed(v, t)
	}
	if v.t.Type == sqltype.TypeDateTimeOffset && t.Type == sqltype.TypeDateTime {
		tm = tm.Truncate(time.Millisecond) // digits past three are cut, then rounded to ticks
	}
	return roundTime(tm, t), nil
}

// roundTime keeps the wall clock and applies the precision of t:
// 1/300 s for datetime, 100 ns for datetime2, whole days for date. A
// datetimeoffset keeps the instant and offset (+00:00 for a wall clock).
func roundTime(tm time.Time, t sqlType) time.Time {
	if t.Type == sqltype.TypeDateTimeOffset {
		return withOffset(tm).Truncate(100 * time.Nanosecond)
	}
	tm = time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), time.UTC)
	switch t.Type {
	case sqltype.TypeDate:
		return time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
	case sqltype.TypeDateTime:
		day := time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
		ticks := (tm.Sub(day).Nanoseconds()*300 + 500_000_000) / 1_000_000_000
		return day.Add(time.Duration(ticks * 1_000_000_000 / 300))
	}
	return tm.Truncate(100 * time.Nanosecond)
}

// formatTime renders a date/time value in a CONVERT style; -1 or 0 is
// CAST's default for the type.
func formatTime(tm time.Time, t sqlType, style int) string {
	layout, ok := styleLayouts()[style]
	switch {
	case ok:
	case t.Type == sqltype.TypeDate:
		layout = "2006-01-02"
	case t.Type == sqltype.TypeDateTime2:
		layout = "2006-01-02 15:04:05.0000000"
	case t.Type == sqltype.TypeDateTimeOffset:
		layout = "2006-01-02 15:04:05.0000000 -07:00"
	default:
		layout = "Jan _2 2006  3:04PM"
		s := tm.Format(layout)
		return strings.Replace(s, "  ", " ", 1)
	}
	return tm.Format(layout)
}

// styleLayouts are the CONVERT date styles the lab knows.
func styleLayouts() map[int]string {
	return map[int]string{1: "01/02/06", 101: "01/02/2006", 3: "02/01/06", 103: "02/01/2006", 8: "15:04:05",
		108: "15:04:05", 12: "060102", 112: "20060102", 20: "2006-01-02 15:04:05", 120: "2006-01-02 15:04:05",
		21: "2006-01-02 15:04:05.000", 121: "2006-01-02 15:04:05.000", 23: "2006-01-02",
		126: "2006-01-02T15:04:05.000", 127: "2006-01-02T15:04:05.000Z"}
}

// datePart normalizes a DATEADD/DATEDIFF/DATEPART part name or
// abbreviation to its canonical name; "" when unknown.
func datePart(s string) string {
	names := map[string][]string{"year": {"yy", "yyyy"}, "quarter": {"qq", "q"}, "month": {"mm", "m"},
		"dayofyear": {"dy", "y"}, "day": {"dd", "d"}, "week": {"wk", "ww"}, "weekday": {"dw", "w"},
		"hour": {"hh"}, "minute": {"mi", "n"}, "second": {"ss", "s"}, "millisecond": {"ms"},
		"microsecond": {"mcs"}, "nanosecond": {"ns"}}
	s = strings.ToLower(s)
	for name, abbrevs := range names {
		if s == name || slices.Contains(abbrevs, s) {
			return name
		}
	}
	return ""
}

// dateAdd adds n units of part to tm.
func dateAdd(part string, n int64, tm time.Time) time.Time {
	switch part {
	case "year":
		return addMonths(tm, 12*int(n))
	case "quarter":
		return addMonths(tm, 3*int(n))
	case "month":
		return addMonths(tm, int(n))
	case "week":
		return tm.AddDate(0, 0, 7*int(n))
	case "day", "dayofyear", "weekday":
		return tm.AddDate(0, 0, int(n))
	}
	return tm.Add(time.Duration(n) * unitOf(part))
}

// addMonths moves by whole months, keeping the day or clamping it to the
// target month's last day (DATEADD(month, 1, '2024-01-31') is Feb 29).
func addMonths(tm time.Time, n int) time.Time {
	first := time.Date(tm.Year(), tm.Month()+time.Month(n), 1, tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), tm.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(tm.Day(), last)-1)
}

// unitOf is the duration of a clock part.
func unitOf(part string) time.Duration {
	return map[string]time.Duration{"hour": time.Hour, "minute": time.Minute, "second": time.Second,
		"millisecond": time.Millisecond, "microsecond": time.Microsecond, "nanosecond": time.Nanosecond}[part]
}

// dateDiff counts the part boundaries crossed from a to b, as DATEDIFF
// does.
func dateDiff(part string, a, b time.Time) int64 {
	switch part {
	case "year":
		return int64(b.Year() - a.Year())
	case "quarter":
		return int64((b.Year()-a.Year())*4 + (int(b.Month())-1)/3 - (int(a.Month())-1)/3)
	case "month":
		return int64((b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()))
	case "day", "dayofyear", "weekday":
		return days(b) - days(a)
	case "week":
		return (days(b) - int64(b.Weekday()) - days(a) + int64(a.Weekday())) / 7
	}
	u := unitOf(part)
	return b.Truncate(u).Sub(a.Truncate(u)).Nanoseconds() / u.Nanoseconds()
}

func days(t time.Time) int64 {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// datePartOf extracts a part (DATEPART, YEAR, MONTH, DAY).
func datePartOf(part string, t time.Time) int64 {
	switch part {
	case "year":
		return int64(t.Year())
	case "quarter":
		return int64((t.Month()-1)/3 + 1)
	case "month":
		return int64(t.Month())
	case "dayofyear":
		return int64(t.YearDay())
	case "day":
		return int64(t.Day())
	case "week":
		return int64((t.YearDay()+int(time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC).Weekday())-1)/7 + 1)
	case "weekday":
		return int64(t.Weekday()) + 1
	case "hour":
		return int64(t.Hour())
	case "minute":
		return int64(t.Minute())
	case "second":
		return int64(t.Second())
	case "millisecond":
		return int64(t.Nanosecond() / 1e6)
	case "microsecond":
		return int64(t.Nanosecond() / 1e3)
	}
	return int64(t.Nanosecond())
}
