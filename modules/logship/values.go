package logship

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// str returns a column value as text ("" for NULL).
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// truthy reads a bit column.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x != 0
	case string:
		return x == "1" || x == "true"
	}
	return false
}

// integer reads an integer column; ok is false for NULL.
func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case float64:
		return int64(x), true
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// timeOf reads a datetime column; the zero time for NULL.
func timeOf(v any) time.Time {
	t, _ := v.(time.Time)
	return t
}

// optTime is a datetime column, nil when NULL: the event has not happened.
func optTime(v any) *time.Time {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return nil
	}
	return &t
}

// column returns the index of name in cols, or -1.
func column(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	return -1
}

// equalFold compares names as SQL Server's default collation does.
func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
