package schedule

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Format is where a job is installed: crontab, systemd or Task Scheduler.
type Format string

// The formats `pcsh schedule add --format` takes.
const (
	FormatCron     Format = "cron"
	FormatSystemd  Format = "systemd"
	FormatSchtasks Format = "schtasks"
)

// Job is one scheduled pcsh command, as schedules.json records it.
type Job struct {
	Name      string    `json:"name"`
	Format    Format    `json:"format"`
	Every     string    `json:"every,omitempty"` // --every as given
	At        string    `json:"at,omitempty"`    // --at as given
	Cron      string    `json:"cron,omitempty"`  // the calendar, given or derived from --every
	Pcsh      string    `json:"pcsh"`            // absolute path of the pcsh binary the entry runs
	Env       []string  `json:"env,omitempty"`   // NAME=VALUE the run sets, sorted
	Command   []string  `json:"command"`         // the pcsh command line, as words
	Installed []string  `json:"installed,omitempty"`
	Added     time.Time `json:"added"`

	when When
}

// carriedEnv are the variables a job takes from the environment it was
// added in, so the scheduler's bare environment runs against the same
// topology, lab, runbooks and state. Passwords are never carried: they
// would be readable in the crontab; a credential file is.
var carriedEnv = []string{
	"KRB5CCNAME", "KRB5_CONFIG",
	"PCSH_CMS_DIR", "PCSH_LAB_FILE", "PCSH_LYNC_MODULE", "PCSH_LYNC_SHELL", "PCSH_PATH", "PCSH_POWERSHELL",
	"PCSH_SQL_CREDENTIAL_FILE", "PCSH_SQL_USER", "PCSH_STATE_DIR", "PCSH_TOPOLOGY",
	"PCSH_WINRM_CA_FILE", "PCSH_WINRM_USER",
}

var nameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`) })

// CheckName accepts a job name that is also a safe file, unit and task
// name.
func CheckName(name string) error {
	if !nameRE().MatchString(name) {
		return usageError("Cannot use the job name %q: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit).", name)
	}
	return nil
}

// JobEnv is the environment a job carries: the carried variables set in
// getenv, then the explicit NAME=VALUE pairs, sorted by name.
func JobEnv(getenv func(string) string, explicit []string) ([]string, error) {
	m := map[string]string{}
	for _, k := range carriedEnv {
		if v := getenv(k); v != "" {
			m[k] = v
		}
	}
	for _, kv := range explicit {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageError("Cannot use --env %q: give NAME=VALUE.", kv)
		}
		if strings.Contains(strings.ToUpper(k), "PASSWORD") {
			return nil, usageError("Cannot carry %s in a scheduled entry: anyone who reads the crontab or unit would see it; store the login with Set-PcSqlCredential instead.", k)
		}
		m[k] = v
	}
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out, nil
}

// Argv is the full command line the scheduler runs: the pcsh binary,
// `schedule run NAME`, the carried environment as --env and the command.
func (j *Job) Argv() []string {
	out := []string{j.Pcsh, "schedule", "run", j.Name}
	for _, kv := range j.Env {
		out = append(out, "--env", kv)
	}
	return append(append(out, "--"), j.Command...)
}

// Schedule is the job's schedule as the list shows it.
func (j *Job) Schedule() string {
	switch {
	case j.Every != "" && j.At != "":
		return "every " + j.Every + " at " + j.At
	case j.Every != "":
		return "every " + j.Every
	case j.At != "":
		return "daily at " + j.At
	}
	return j.Cron
}

// When parses the job's schedule again (a job read from schedules.json
// holds only the text).
func (j *Job) When() (When, error) {
	if j.when.Spec != nil || j.when.Interval != 0 {
		return j.when, nil
	}
	var err error
	if j.Every != "" || j.At != "" {
		j.when, err = ParseEvery(j.Every, j.At)
	} else {
		j.when, err = ParseCron(j.Cron)
	}
	return j.when, err
}

// UnitName is the systemd unit and the Task Scheduler task name stem.
func (j *Job) UnitName() string { return "pcsh-" + j.Name }
