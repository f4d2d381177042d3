package schedule

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"pcsh/runtime/atomicfile"
)

// Installer puts jobs into the platform's scheduler and takes them out,
// through the installer commands (crontab, systemctl, schtasks) its
// Runner runs.
type Installer struct {
	Runner   Runner
	GOOS     string // runtime.GOOS: which schedulers this machine has
	UnitDir  string // systemd user units: ~/.config/systemd/user
	StateDir string // where a task's XML file is kept
	Now      func() time.Time
}

// Install installs the job in its format's scheduler and returns what it
// installed, for Uninstall; force replaces a task of the same name.
func (in Installer) Install(ctx context.Context, j *Job, force bool) ([]string, error) {
	if err := in.supported(j.Format); err != nil {
		return nil, err
	}
	switch j.Format {
	case FormatCron:
		return in.installCron(ctx, j)
	case FormatSystemd:
		return in.installSystemd(ctx, j)
	}
	return in.installTask(ctx, j, force)
}

// Uninstall takes out what Install installed.
func (in Installer) Uninstall(ctx context.Context, j *Job) error {
	if err := in.supported(j.Format); err != nil {
		return err
	}
	switch j.Format {
	case FormatCron:
		return in.uninstallCron(ctx, j)
	case FormatSystemd:
		return in.uninstallSystemd(ctx, j)
	}
	return in.uninstallTask(ctx, j)
}

func (in Installer) supported(f Format) error {
	ok := map[Format]bool{FormatCron: in.GOOS != "windows", FormatSystemd: in.GOOS == "linux", FormatSchtasks: in.GOOS == "windows"}[f]
	if !ok {
		return usageError("Cannot install a %s job on %s: print it with --format %s (without --install) and install it where %s runs.", f, in.GOOS, f, f)
	}
	return nil
}

func (in Installer) installCron(ctx context.Context, j *Job) ([]string, error) {
	entry, err := CrontabEntry(j)
	if err != nil {
		return nil, err
	}
	tab, err := in.crontab(ctx)
	if err != nil {
		return nil, err
	}
	_, err = output(ctx, in.Runner, CrontabWith(tab, j.Name, entry), "crontab", "-")
	return []string{"crontab"}, err
}

func (in Installer) uninstallCron(ctx context.Context, j *Job) error {
	tab, err := in.crontab(ctx)
	if err != nil {
		return err
	}
	rest, found := CrontabWithout(tab, j.Name)
	if !found {
		return nil
	}
	_, err = output(ctx, in.Runner, rest, "crontab", "-")
	return err
}

// crontab reads the user's crontab; a user who has none has an empty
// one, but any other failure stops the change, so that a crontab that
// could not be read is never overwritten.
func (in Installer) crontab(ctx context.Context) (string, error) {
	tab, err := output(ctx, in.Runner, "", "crontab", "-l")
	var ce *CommandError
	if errors.As(err, &ce) && strings.Contains(strings.ToLower(ce.Stderr), "no crontab") {
		return "", nil
	}
	return tab, err
}

func (in Installer) installSystemd(ctx context.Context, j *Job) ([]string, error) {
	u, err := SystemdUnits(j)
	if err != nil {
		return nil, err
	}
	service, timer := filepath.Join(in.UnitDir, u.Name+".service"), filepath.Join(in.UnitDir, u.Name+".timer")
	if err := os.MkdirAll(in.UnitDir, 0o755); err != nil {
		return nil, err
	}
	for path, text := range map[string]string{service: u.Service, timer: u.Timer} {
		if err := atomicfile.WriteFileAtomic(path, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	installed := []string{service, timer}
	if _, err := output(ctx, in.Runner, "", "systemctl", "--user", "daemon-reload"); err != nil {
		return installed, err
	}
	_, err = output(ctx, in.Runner, "", "systemctl", "--user", "enable", "--now", u.Name+".timer")
	return installed, err
}

func (in Installer) uninstallSystemd(ctx context.Context, j *Job) error {
	_, derr := output(ctx, in.Runner, "", "systemctl", "--user", "disable", "--now", j.UnitName()+".timer")
	var errs []error
	for _, path := range []string{filepath.Join(in.UnitDir, j.UnitName()+".service"), filepath.Join(in.UnitDir, j.UnitName()+".timer")} {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	_, rerr := output(ctx, in.Runner, "", "systemctl", "--user", "daemon-reload")
	return errors.Join(append(errs, derr, rerr)...)
}

// TaskFile is where an installed task's XML is kept.
func TaskFile(stateDir, name string) string { return filepath.Join(stateDir, "schedules", name+".xml") }

func (in Installer) installTask(ctx context.Context, j *Job, force bool) ([]string, error) {
	text, err := TaskXML(j, in.Now())
	if err != nil {
		return nil, err
	}
	file := TaskFile(in.StateDir, j.Name)
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFileAtomic(file, utf16LE(text), 0o600); err != nil {
		return nil, err
	}
	argv := SchtasksCreate(j, file, force)
	_, err = output(ctx, in.Runner, "", argv[0], argv[1:]...)
	return []string{file, "task " + TaskName(j)}, err
}

func (in Installer) uninstallTask(ctx context.Context, j *Job) error {
	_, err := output(ctx, in.Runner, "", "schtasks", "/Delete", "/TN", TaskName(j), "/F")
	if rerr := os.Remove(TaskFile(in.StateDir, j.Name)); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		err = errors.Join(err, rerr)
	}
	return err
}

// utf16LE encodes the XML as the UTF-16 its declaration names, with a
// byte order mark, as schtasks /XML reads it.
func utf16LE(s string) []byte {
	units := utf16.Encode([]rune(s))
	out := []byte{0xFF, 0xFE}
	for _, u := range units {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}
