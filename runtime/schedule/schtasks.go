package schedule

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// maxTriggers is the Task Scheduler schema's limit on a task's triggers.
const maxTriggers = 48

// TaskName is the job's task in Task Scheduler, in a pcsh folder.
func TaskName(j *Job) string { return `pcsh\` + j.Name }

// TaskXML renders a job as a Task Scheduler task definition (the Task
// Scheduler schema, version 1.2): its triggers, MultipleInstancesPolicy
// IgnoreNew so that a start while a run is going is dropped, and an Exec
// action holding the full command line. now dates the registration and
// the triggers' start.
func TaskXML(j *Job, now time.Time) (string, error) {
	w, err := j.When()
	if err != nil {
		return "", err
	}
	t := taskXML{Version: "1.2", Xmlns: "http://schemas.microsoft.com/windows/2004/02/mit/task",
		Info: regInfoXML{URI: `\` + TaskName(j), Date: now.Format("2006-01-02T15:04:05"), Author: "pcsh",
			Description: "pcsh scheduled job " + j.Name + ": " + WindowsJoin(j.Argv())},
		Settings: settingsXML{MultipleInstancesPolicy: "IgnoreNew", StartWhenAvailable: true, Enabled: true}}
	t.Actions.Exec.Command, t.Actions.Exec.Arguments = j.Pcsh, WindowsJoin(j.Argv()[1:])
	if t.Triggers, err = taskTriggers(w, now); err != nil {
		return "", err
	}
	out, err := xml.MarshalIndent(t, "", "  ")
	if err != nil {
		return "", err
	}
	// element text needs no escaped quotes; plain ones read better
	text := strings.NewReplacer("&#34;", `"`, "&#39;", "'").Replace(string(out))
	return `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + text + "\n", nil
}

// SchtasksCreate is the schtasks line that registers the task from the
// XML file; force replaces a task of the same name.
func SchtasksCreate(j *Job, file string, force bool) []string {
	argv := []string{"schtasks", "/Create", "/TN", TaskName(j), "/XML", file}
	if force {
		argv = append(argv, "/F")
	}
	return argv
}

func taskTriggers(w When, now time.Time) (triggersXML, error) {
	if w.Spec == nil {
		if w.Interval > 31*24*time.Hour {
			return triggersXML{}, usageError("Cannot write --every %s for Task Scheduler: a repetition interval is at most 31 days.", w.Interval)
		}
		start := now.Truncate(time.Minute).Format("2006-01-02T15:04:05")
		return triggersXML{Time: []timeTriggerXML{{StartBoundary: start, Repetition: &repetitionXML{Interval: isoDuration(w.Interval)}}}}, nil
	}
	days, times := daySchedules(w.Spec), timesOfDay(w.Spec)
	if n := len(days) * len(times); n > maxTriggers {
		return triggersXML{}, usageError("Cannot write --cron %q for Task Scheduler: it needs %d triggers and a task holds at most %d; use --every or a simpler expression.", w.Expr, n, maxTriggers)
	}
	var out triggersXML
	date := now.Format("2006-01-02")
	for _, d := range days {
		for _, tm := range times {
			start := fmt.Sprintf("%sT%02d:%02d:00", date, tm.minute/60, tm.minute%60)
			out.Calendar = append(out.Calendar, calendarTriggerXML{StartBoundary: start, Repetition: tm.repeat, scheduleXML: d})
		}
	}
	return out, nil
}

// isoDuration writes a period as an ISO 8601 duration: PT5M, PT1H30M, P1D.
func isoDuration(d time.Duration) string {
	m := int(d / time.Minute)
	out := "P"
	if m >= 1440 {
		out += fmt.Sprintf("%dD", m/1440)
		m %= 1440
	}
	if m == 0 {
		return out
	}
	out += "T"
	if m >= 60 {
		out += fmt.Sprintf("%dH", m/60)
	}
	if m%60 != 0 {
		out += fmt.Sprintf("%dM", m%60)
	}
	return out
}
