package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// When is a job's schedule: a calendar (a five-field cron expression,
// parsed by robfig/cron into its bit sets) or, for an interval no
// calendar holds (45m, 90m, 48h), a fixed period.
type When struct {
	Expr     string             // the cron expression; "" for an interval
	Spec     *cron.SpecSchedule // Expr's fields; nil for an interval
	Interval time.Duration      // the period when Expr is ""
}

// cronParser reads the five standard fields and the @hourly-style
// descriptors; crontab knows no seconds field.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron validates a cron expression with robfig/cron; the error
// carries the library's reason.
func ParseCron(expr string) (When, error) {
	expr = strings.Join(strings.Fields(expr), " ")
	switch {
	case strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ="):
		return When{}, usageError("Cannot use --cron %q: a crontab line takes no time zone; jobs run in the machine's local time.", expr)
	case strings.HasPrefix(expr, "@every"):
		return When{}, usageError("Cannot use --cron %q: crontab has no @every; use --every.", expr)
	}
	s, err := cronParser.Parse(expr)
	if err != nil {
		return When{}, usageError("Cannot use --cron %q: %v.", expr, err)
	}
	return When{Expr: expr, Spec: s.(*cron.SpecSchedule)}, nil
}

// ParseEvery reads --every and --at. An interval that divides an hour
// (1m…60m) or a day in whole hours (1h…24h) is a calendar anchored at
// --at (default 00:00), so every format runs at the same wall-clock
// times; any other interval is a plain period and takes no --at.
func ParseEvery(every, at string) (When, error) {
	d, err := everyDuration(every, at)
	if err != nil {
		return When{}, err
	}
	anchor, err := parseAt(at)
	if err != nil {
		return When{}, err
	}
	expr := calendarExpr(int(d/time.Minute), anchor)
	if expr == "" {
		if at != "" {
			return When{}, usageError("Cannot use --at with --every %s: --at needs an interval that divides an hour (1m to 60m) or a day in whole hours (1h to 24h).", every)
		}
		return When{Interval: d}, nil
	}
	return ParseCron(expr)
}

func everyDuration(every, at string) (time.Duration, error) {
	if every == "" {
		return 24 * time.Hour, nil // --at alone: daily
	}
	d, err := time.ParseDuration(every)
	if err != nil || d < time.Minute || d%time.Minute != 0 {
		return 0, usageError("Cannot use --every %q: give a whole number of minutes of at least 1m, such as 5m, 1h or 24h.", every)
	}
	return d, nil
}

// parseAt reads HH:MM as minutes after midnight.
func parseAt(at string) (int, error) {
	if at == "" {
		return 0, nil
	}
	t, err := time.Parse("15:04", at)
	if err != nil {
		return 0, usageError("Cannot use --at %q: give a time of day as HH:MM, such as 02:30.", at)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// calendarExpr is the cron expression of every m minutes from anchor, or
// "" when m divides neither an hour nor a day in whole hours.
func calendarExpr(m, anchor int) string {
	switch {
	case 60%m == 0:
		return stepField(anchor%m, m, 59) + " * * * *"
	case m%60 == 0 && 24%(m/60) == 0:
		h := m / 60
		return fmt.Sprintf("%d %s * * *", anchor%60, stepField(anchor/60%h, h, 23))
	}
	return ""
}

// stepField is a cron field for start, start+step, … up to max.
func stepField(start, step, max int) string {
	switch {
	case step == 1:
		return "*"
	case step > max:
		return fmt.Sprint(start)
	case start == 0:
		return fmt.Sprintf("*/%d", step)
	}
	return fmt.Sprintf("%d-%d/%d", start, max, step)
}
