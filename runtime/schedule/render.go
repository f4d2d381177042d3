package schedule

import (
	"fmt"
	"time"
)

// Render is the job as its format prints it: the crontab entry; the two
// unit files; or the task XML and the schtasks line that registers it
// from a file. Every form holds the full command line the job runs.
func Render(j *Job, now time.Time) (string, error) {
	switch j.Format {
	case FormatCron:
		return CrontabEntry(j)
	case FormatSystemd:
		u, err := SystemdUnits(j)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("# %[1]s.service\n%[2]s\n# %[1]s.timer\n%[3]s\n# Install: copy both to ~/.config/systemd/user, then\n# systemctl --user daemon-reload && systemctl --user enable --now %[1]s.timer\n",
			u.Name, u.Service, u.Timer), nil
	case FormatSchtasks:
		text, err := TaskXML(j, now)
		if err != nil {
			return "", err
		}
		return text + "\n" + WindowsJoin(SchtasksCreate(j, j.Name+".xml", false)) + "\n", nil
	}
	return "", usageError("Cannot use --format %q: use cron, systemd or schtasks.", j.Format)
}

// where names the place a format installs a job, for messages.
func where(j *Job) string {
	switch j.Format {
	case FormatCron:
		return "the crontab"
	case FormatSystemd:
		return "the systemd user timer " + j.UnitName() + ".timer"
	}
	return `the Task Scheduler task \` + TaskName(j)
}
