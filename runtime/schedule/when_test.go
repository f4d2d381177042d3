package schedule

import (
	"strings"
	"testing"
	"time"
)

func TestParseEveryAnchorsCalendars(t *testing.T) {
	for _, tc := range []struct{ every, at, expr string }{
		{"5m", "", "*/5 * * * *"},
		{"1m", "", "* * * * *"},
		{"5m", "00:02", "2-59/5 * * * *"},
		{"15m", "09:37", "7-59/15 * * * *"},
		{"1h", "00:15", "15 * * * *"},
		{"6h", "02:15", "15 2-23/6 * * *"},
		{"2h", "", "0 */2 * * *"},
		{"24h", "02:30", "30 2 * * *"},
		{"", "02:30", "30 2 * * *"},
	} {
		w, err := ParseEvery(tc.every, tc.at)
		if err != nil || w.Expr != tc.expr || w.Spec == nil {
			t.Errorf("ParseEvery(%q, %q) = %q, %v; want %q", tc.every, tc.at, w.Expr, err, tc.expr)
		}
	}
}

func TestParseEveryIntervals(t *testing.T) {
	w, err := ParseEvery("45m", "")
	if err != nil || w.Expr != "" || w.Interval != 45*time.Minute {
		t.Fatalf("45m = %+v, %v; want a 45-minute interval", w, err)
	}
	for _, tc := range []struct{ every, at, want string }{
		{"45m", "01:00", "--at needs an interval"},
		{"30s", "", "whole number of minutes"},
		{"5x", "", "whole number of minutes"},
		{"5m", "25:00", "HH:MM"},
	} {
		if _, err := ParseEvery(tc.every, tc.at); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseEvery(%q, %q) error = %v; want it to say %q", tc.every, tc.at, err, tc.want)
		}
	}
}

func TestParseCronGivesTheLibrarysReason(t *testing.T) {
	for expr, want := range map[string]string{
		"*/5 * * *":         "expected exactly 5 fields, found 4",
		"61 * * * *":        "above maximum (59)",
		"@every 5m":         "crontab has no @every",
		"TZ=UTC 0 * * * *":  "no time zone",
		"0 0 * * 1-5":       "",
		"  0   3 * *   sun": "",
	} {
		_, err := ParseCron(expr)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("ParseCron(%q) error = %v; want %q", expr, err, want)
		}
	}
}
