package schedule

import (
	"strings"
)

// CrontabMarker is the comment line pcsh writes above a job's crontab
// line, so it finds the line again and an admin sees who added it.
func CrontabMarker(name string) string {
	return "# pcsh schedule " + name + ": added by pcsh; `pcsh schedule remove " + name + "` removes it"
}

// CrontabEntry is the marker and the crontab line of a job; cron runs
// the job in the machine's local time.
func CrontabEntry(j *Job) (string, error) {
	w, err := j.When()
	if err != nil {
		return "", err
	}
	if w.Expr == "" {
		return "", usageError("Cannot write --every %s as a crontab line: cron runs only at minutes that repeat every hour or day; use an interval that divides an hour or a day, --cron, or --format systemd.", j.Every)
	}
	return CrontabMarker(j.Name) + "\n" + w.Expr + " " + CrontabCommand(j.Argv()) + "\n", nil
}

// CrontabWithout is a crontab's text with the job's marker and the line
// after it taken out; found says whether it was there.
func CrontabWithout(crontab, name string) (rest string, found bool) {
	lines := strings.SplitAfter(crontab, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if strings.TrimRight(lines[i], "\r\n") == CrontabMarker(name) {
			found = true
			i++ // the job's line
			continue
		}
		out = append(out, lines[i])
	}
	return strings.Join(out, ""), found
}

// CrontabWith is a crontab's text with the job's entry replacing any
// earlier one of the same name, appended at the end.
func CrontabWith(crontab, name, entry string) string {
	rest, _ := CrontabWithout(crontab, name)
	if rest != "" && !strings.HasSuffix(rest, "\n") {
		rest += "\n"
	}
	return rest + entry
}
