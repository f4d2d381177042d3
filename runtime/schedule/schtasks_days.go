package schedule

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

var monthNames = []string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// daySchedules are the ScheduleBy… elements of a cron expression's day
// fields. cron runs on a day matching either day field when both are
// restricted, so that case takes one schedule for each (a task's
// triggers start it on any of them).
func daySchedules(s *cron.SpecSchedule) []scheduleXML {
	allDays, allWeek := uint64(1<<32-2), uint64(1<<7-1)
	if s.Dom&starBit != 0 || s.Dow&starBit != 0 {
		return []scheduleXML{daySchedule(s.Dom, s.Dow, s.Month)}
	}
	return []scheduleXML{daySchedule(s.Dom, allWeek, s.Month), daySchedule(allDays, s.Dow, s.Month)}
}

// daySchedule is the schedule of the days in both dom and dow, in month.
func daySchedule(dom, dow, month uint64) scheduleXML {
	everyMonth := all(month, 1, 12)
	switch {
	case !all(dow, 0, 6) && everyMonth:
		return scheduleXML{ByWeek: &byWeekXML{WeeksInterval: 1, DaysOfWeek: named(dow, 0, 6, weekdays)}}
	case !all(dow, 0, 6):
		m := &byMonthDOWXML{DaysOfWeek: named(dow, 0, 6, weekdays), Months: named(month, 1, 12, monthNames)}
		m.Weeks.Week = []string{"1", "2", "3", "4", "Last"}
		return scheduleXML{ByMonthDOW: m}
	case all(dom, 1, 31) && everyMonth:
		return scheduleXML{ByDay: &byDayXML{DaysInterval: 1}}
	}
	m := &byMonthXML{Months: named(month, 1, 12, monthNames)}
	for _, d := range values(dom, 1, 31) {
		m.DaysOfMonth.Day = append(m.DaysOfMonth.Day, fmt.Sprint(d))
	}
	return scheduleXML{ByMonth: m}
}

// named lists the names of the values set in bits, with Sunday last for
// weekdays as Task Scheduler lists them.
func named(bits uint64, lo, hi int, names []string) emptyElems {
	var out emptyElems
	for _, v := range values(bits, lo, hi) {
		out = append(out, names[v])
	}
	if len(out) > 0 && len(names) == 7 && out[0] == "Sunday" {
		out = append(out[1:], "Sunday")
	}
	return out
}

// timeOfDay is a trigger's start, minutes after midnight, and the
// repetition that covers the rest of its times.
type timeOfDay struct {
	minute int
	repeat *repetitionXML
}

// timesOfDay covers the expression's hour and minute fields with as few
// triggers as it can: every N minutes over a run of hours, or one minute
// every N hours, is one trigger with a repetition; anything else is one
// trigger per time. A repetition ends before the next run would fall
// outside the run of hours (Duration is exclusive).
func timesOfDay(s *cron.SpecSchedule) []timeOfDay {
	hours, minutes := values(s.Hour, 0, 23), values(s.Minute, 0, 59)
	if m0, step, ok := progression(minutes, 0, 59); ok {
		var out []timeOfDay
		for _, run := range hourRuns(hours) {
			out = append(out, timeOfDay{run[0]*60 + m0, &repetitionXML{Interval: isoDuration(time.Duration(step) * time.Minute),
				Duration: isoDuration(time.Duration(len(run)) * time.Hour)}})
		}
		return out
	}
	if h0, step, ok := progression(hours, 0, 23); ok && len(minutes) == 1 {
		return []timeOfDay{{h0*60 + minutes[0], &repetitionXML{Interval: isoDuration(time.Duration(step) * time.Hour), Duration: "P1D"}}}
	}
	var out []timeOfDay
	for _, h := range hours {
		for _, m := range minutes {
			out = append(out, timeOfDay{minute: h*60 + m})
		}
	}
	return out
}

// hourRuns splits hours into runs of consecutive hours.
func hourRuns(hours []int) [][]int {
	var out [][]int
	for i, h := range hours {
		if i == 0 || h != hours[i-1]+1 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], h)
	}
	return out
}
