package agent

import "time"

// Schedule is one msdb.dbo.sysschedules row, as the scheduler reads it.
type Schedule struct {
	ID               int64
	Name             string
	Enabled          bool
	FreqType         int64 // 1 once, 4 daily, 8 weekly, 16 monthly, 32 monthly relative, 64 Agent start, 128 idle
	FreqInterval     int64
	SubdayType       int64 // 1 at the specified time, 2 seconds, 4 minutes, 8 hours
	SubdayInterval   int64
	RecurrenceFactor int64
	StartDate        int64 // yyyymmdd
	EndDate          int64
	StartTime        int64 // hhmmss
	EndTime          int64
}

// scheduleFrom reads a sysschedules row.
func scheduleFrom(r Rec) Schedule {
	return Schedule{ID: r.Int("schedule_id"), Name: r.Str("name"), Enabled: r.Int("enabled") != 0,
		FreqType: r.Int("freq_type"), FreqInterval: r.Int("freq_interval"), SubdayType: r.Int("freq_subday_type"),
		SubdayInterval: r.Int("freq_subday_interval"), RecurrenceFactor: r.Int("freq_recurrence_factor"),
		StartDate: r.Int("active_start_date"), EndDate: r.Int("active_end_date"),
		StartTime: r.Int("active_start_time"), EndTime: r.Int("active_end_time")}
}

// maxScanDays bounds the search for the next run.
const maxScanDays = 800

// Next returns the first time strictly after after at which the schedule
// fires, in after's location, and false when it never fires again (or
// fires only on events: Agent start, idle CPU). Monthly relative
// schedules (freq_type 32) are not supported and never fire.
func (s Schedule) Next(after time.Time) (time.Time, bool) {
	switch s.FreqType {
	case 1:
		t := at(dateOf(s.StartDate, after.Location()), s.StartTime)
		return t, t.After(after)
	case 4, 8, 16:
	default:
		return time.Time{}, false
	}
	day := startOfDay(after)
	first := dateOf(s.StartDate, after.Location())
	if day.Before(first) {
		day = first
	}
	for range maxScanDays {
		if s.EndDate > 0 && dateInt(day) > s.EndDate {
			return time.Time{}, false
		}
		if s.runsOn(day, first) {
			if t, ok := s.nextInDay(day, after); ok {
				return t, true
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}, false
}

// runsOn reports whether the schedule fires on day.
func (s Schedule) runsOn(day, first time.Time) bool {
	days := int64(day.Sub(first).Hours()+12) / 24
	switch s.FreqType {
	case 4:
		return days%max(s.FreqInterval, 1) == 0
	case 8:
		weeks := days / 7
		return s.FreqInterval&(1<<int(day.Weekday())) != 0 && weeks%max(s.RecurrenceFactor, 1) == 0
	case 16:
		months := int64(day.Year()-first.Year())*12 + int64(day.Month()-first.Month())
		return int64(day.Day()) == s.FreqInterval && months%max(s.RecurrenceFactor, 1) == 0
	}
	return false
}

// nextInDay returns the first firing on day strictly after after.
func (s Schedule) nextInDay(day, after time.Time) (time.Time, bool) {
	start, end := at(day, s.StartTime), at(day, s.EndTime)
	if s.EndTime == 0 && s.SubdayType != 1 {
		end = at(day, 235959)
	}
	step := s.step()
	if step == 0 {
		return start, start.After(after)
	}
	t := start
	if after.After(start) || after.Equal(start) {
		k := after.Sub(start)/step + 1
		t = start.Add(k * step)
	}
	return t, !t.After(end)
}

// step returns the interval between firings within a day (0 for once).
func (s Schedule) step() time.Duration {
	n := time.Duration(max(s.SubdayInterval, 1))
	switch s.SubdayType {
	case 2:
		return n * time.Second
	case 4:
		return n * time.Minute
	case 8:
		return n * time.Hour
	}
	return 0
}

// dateOf converts yyyymmdd to midnight in loc (today for 0).
func dateOf(d int64, loc *time.Location) time.Time {
	if d == 0 {
		return time.Date(1990, 1, 1, 0, 0, 0, 0, loc)
	}
	return time.Date(int(d/10000), time.Month(d/100%100), int(d%100), 0, 0, 0, 0, loc)
}

// at adds an hhmmss time of day to a midnight.
func at(day time.Time, hhmmss int64) time.Time {
	return day.Add(time.Duration(hhmmss/10000)*time.Hour + time.Duration(hhmmss/100%100)*time.Minute +
		time.Duration(hhmmss%100)*time.Second)
}

// startOfDay returns midnight of t's day.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// dateInt returns t as the yyyymmdd integer msdb stores.
func dateInt(t time.Time) int64 {
	return int64(t.Year())*10000 + int64(t.Month())*100 + int64(t.Day())
}

// timeInt returns t's time of day as the hhmmss integer msdb stores.
func timeInt(t time.Time) int64 {
	return int64(t.Hour())*10000 + int64(t.Minute())*100 + int64(t.Second())
}

// durationInt returns d as the hhmmss integer of run_duration.
func durationInt(d time.Duration) int64 {
	s := int64(d / time.Second)
	return s/3600*10000 + s/60%60*100 + s%60
}
