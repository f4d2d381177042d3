package engine

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/sqltype"
)

func toDecimal(c ColumnDef, v any) (any, error) {
	r, fail := sqltype.Exact(v)
	switch fail {
	case sqltype.Overflow:
		return nil, Raise(8115, "float", "numeric")
	case sqltype.Malformed:
		return nil, Raise(8114, "varchar", "numeric")
	case sqltype.NotAllowed:
		return nil, Raise(257, sourceTypeName(v), "numeric")
	}
	d, fail := sqltype.RoundDecimal(r, c.Precision, c.Scale)
	if fail != sqltype.Converted {
		return nil, Raise(8115, "numeric", "numeric")
	}
	return d, nil
}

func toText(c ColumnDef, v any, t writeTarget) (any, error) {
	s, ok := textOf(v)
	if !ok {
		return nil, Raise(257, sourceTypeName(v), typeName(c.Column))
	}
	if c.Length > 0 && sqltype.TextLength(c.Type, s) > c.Length {
		return nil, truncation(t, c.Name, sqltype.Truncate(c.Type, s, c.Length))
	}
	return s, nil
}

// textOf renders a value as text, as an implicit conversion would.
func textOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		return map[bool]string{false: "0", true: "1"}[x], true
	case sqltype.Decimal:
		return x.Rat().FloatString(int(x.Scale)), true
	case time.Time:
		if isOffsetTime(x) {
			return offsetText(x), true
		}
		return x.Format("2006-01-02 15:04:05.000"), true
	case [16]byte:
		return strings.ToUpper(uuid.UUID(x).String()), true
	case []byte:
		return string(x), true
	}
	return "", false
}

// truncation raises 8152, or 2628 when the instance reports verbose
// truncation warnings (SQL Server 2019 and later).
func truncation(t writeTarget, column, kept string) error {
	if t.verboseTrc {
		return Raise(2628, t.table, column, kept)
	}
	return Raise(8152)
}

func toBinary(c ColumnDef, v any, t writeTarget) (any, error) {
	p, fail := sqltype.ToBinary(v, sqltype.Implicit)
	if fail != sqltype.Converted {
		return nil, Raise(257, sourceTypeName(v), typeName(c.Column))
	}
	if c.Length > 0 && len(p) > c.Length {
		return nil, truncation(t, c.Name, "")
	}
	return p, nil
}

func toGUID(v any) (any, error) {
	g, fail := sqltype.ToGUID(v)
	if fail == sqltype.Converted {
		return g, nil
	}
	return nil, failed(fail, v, "uniqueidentifier", func() error { return Raise(8169) })
}

// dateLayouts returns the string forms accepted for datetime columns.
func dateLayouts() []string {
	return []string{
		"2006-01-02 15:04:05.9999999", "2006-01-02T15:04:05.9999999", time.RFC3339Nano,
		"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02", "20060102",
		"20060102 15:04:05", "01/02/2006", "01/02/2006 15:04:05",
		"2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05-07:00", "2006-01-02T15:04:05-07:00",
	}
}

// timeInput reads a value written to a date/time column c: a time, or a
// string in one of dateLayouts (241 otherwise).
func timeInput(c ColumnDef, v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case string:
		parsed, ok := parseDate(strings.TrimSpace(x))
		if !ok {
			return time.Time{}, Raise(241)
		}
		return parsed, nil
	}
	return time.Time{}, Raise(257, sourceTypeName(v), baseTypeName(c.Type))
}

func toTime(c ColumnDef, v any) (any, error) {
	tm, err := timeInput(c, v)
	if err != nil {
		return nil, err
	}
	if isOffsetTime(tm) && c.Type == sqltype.TypeDateTime {
		tm = tm.Truncate(time.Millisecond) // datetimeoffset digits past three are cut
	}
	// Keep the wall clock: datetime has no time zone.
	tm = time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), time.UTC)
	if c.Type == sqltype.TypeDateTime {
		return roundDateTime(tm), nil
	}
	return tm.Truncate(100 * time.Nanosecond), nil
}

func parseDate(s string) (time.Time, bool) {
	for _, layout := range dateLayouts() {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm, true
		}
	}
	return time.Time{}, false
}

// roundDateTime rounds to datetime's 1/300 second ticks.
func roundDateTime(t time.Time) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	ns := t.Sub(day).Nanoseconds()
	ticks := (ns*300 + 500_000_000) / 1_000_000_000
	return day.Add(time.Duration(ticks * 1_000_000_000 / 300))
}
