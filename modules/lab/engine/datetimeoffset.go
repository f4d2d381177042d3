package engine

import "time"

// A datetimeoffset value is a time.Time whose location is neither UTC nor
// Local: the tds decoder and the executor give it a fixed zone, the
// offset. date, datetime and datetime2 values are UTC wall clocks.

// isOffsetTime reports whether t is a datetimeoffset value.
func isOffsetTime(t time.Time) bool {
	l := t.Location()
	return l != time.UTC && l != time.Local
}

// withOffset returns the instant t in a fixed zone of its own offset; a
// UTC wall clock becomes +00:00.
func withOffset(t time.Time) time.Time {
	_, off := t.Zone()
	return t.In(time.FixedZone("", off))
}

// toTimeOffset converts v for a datetimeoffset column: a datetimeoffset
// keeps its offset, a date/time without one gets +00:00 (SQL Server's
// rule for datetime, datetime2 and strings without a time zone).
func toTimeOffset(c ColumnDef, v any) (any, error) {
	tm, err := timeInput(c, v)
	if err != nil {
		return nil, err
	}
	return withOffset(tm).Truncate(100 * time.Nanosecond), nil
}

// offsetText renders a datetimeoffset as SQL Server's default string
// form: 2024-03-01 10:11:12.1234567 +02:00.
func offsetText(t time.Time) string { return t.Format("2006-01-02 15:04:05.0000000 -07:00") }
