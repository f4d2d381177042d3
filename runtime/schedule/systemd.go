package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Units are a job's systemd user units: NAME.service runs the command
// once (Type=oneshot, so a timer never starts it while it runs) and
// NAME.timer starts it on the schedule.
type Units struct {
	Name    string // pcsh-NAME, the stem of both files
	Service string
	Timer   string
}

// SystemdUnits renders a job's units.
func SystemdUnits(j *Job) (Units, error) {
	w, err := j.When()
	if err != nil {
		return Units{}, err
	}
	desc := "Description=pcsh scheduled job " + j.Name + "\n"
	service := "[Unit]\n" + desc + "\n[Service]\nType=oneshot\nExecStart=" + SystemdJoin(j.Argv()) + "\n"
	return Units{Name: j.UnitName(), Service: service,
		Timer: "[Unit]\n" + desc + "\n[Timer]\n" + timerLines(w) + "Unit=" + j.UnitName() + ".service\n\n[Install]\nWantedBy=timers.target\n"}, nil
}

// timerLines are the [Timer] settings of a schedule: OnCalendar= for a
// calendar (Persistent=true runs a start missed while the machine was
// off), OnActiveSec= and OnUnitActiveSec= for an interval.
func timerLines(w When) string {
	if w.Spec == nil {
		span := systemdSpan(w.Interval)
		return "OnActiveSec=" + span + "\nOnUnitActiveSec=" + span + "\n"
	}
	var b strings.Builder
	for _, c := range onCalendar(w.Spec) {
		b.WriteString("OnCalendar=" + c + "\n")
	}
	b.WriteString("Persistent=true\n")
	return b.String()
}

// onCalendar writes a cron schedule as systemd calendar events. cron runs
// on a day that matches either day field when both are restricted, and
// systemd requires both, so that case takes two events, one for each.
func onCalendar(s *cron.SpecSchedule) []string {
	clock := calendarField(s.Hour, 0, 23, true, twoDigits) + ":" + calendarField(s.Minute, 0, 59, true, twoDigits) + ":00"
	month := calendarField(s.Month, 1, 12, true, twoDigits)
	dom := calendarField(s.Dom, 1, 31, true, twoDigits)
	dow := ""
	if !all(s.Dow, 0, 6) {
		dow = calendarField(s.Dow, 0, 6, false, shortDay) + " "
	}
	byDate := "*-" + month + "-" + dom + " " + clock
	switch {
	case s.Dom&starBit != 0:
		return []string{dow + byDate}
	case s.Dow&starBit != 0:
		return []string{byDate}
	}
	return []string{dow + "*-" + month + "-* " + clock, byDate}
}

// systemdSpan writes a period as a systemd time span: 2d, 3h, 90min.
func systemdSpan(d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m%1440 == 0:
		return fmt.Sprintf("%dd", m/1440)
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dmin", m)
}
