package schedule

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func testScheduler(t *testing.T, r Runner, goos string) Scheduler {
	dir := t.TempDir()
	in := Installer{Runner: r, GOOS: goos, UnitDir: filepath.Join(dir, "units"), StateDir: filepath.Join(dir, "state"), Now: func() time.Time { return testNow }}
	return Scheduler{Installer: in, Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, PID: 42}
}

func TestInstallCronAppendsToTheCrontab(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{"crontab -l": "MAILTO=ops\n"}}
	s := testScheduler(t, r, "linux")
	if err := s.Add(context.Background(), testJob(t, FormatCron, "5m", "", ""), true, false); err != nil {
		t.Fatal(err)
	}
	written := r.stdin["crontab -"]
	if !strings.HasPrefix(written, "MAILTO=ops\n"+CrontabMarker("health")+"\n*/5 * * * * /usr/local/bin/pcsh schedule run health") {
		t.Errorf("crontab written:\n%s", written)
	}
	jobs, _ := s.List()
	if len(jobs) != 1 || !slices.Equal(jobs[0].Installed, []string{"crontab"}) {
		t.Errorf("recorded %+v", jobs)
	}

	r.answers["crontab -l"] = written
	if err := s.Remove(context.Background(), "health"); err != nil {
		t.Fatal(err)
	}
	if r.stdin["crontab -"] != "MAILTO=ops\n" {
		t.Errorf("after remove: %q", r.stdin["crontab -"])
	}
	if jobs, _ := s.List(); len(jobs) != 0 {
		t.Errorf("still recorded: %+v", jobs)
	}
}

func TestInstallCronWithoutACrontabYet(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{"crontab -l": "!1 no crontab for admin\n"}}
	if err := testScheduler(t, r, "linux").Add(context.Background(), testJob(t, FormatCron, "5m", "", ""), true, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.stdin["crontab -"], CrontabMarker("health")) {
		t.Errorf("crontab written: %q", r.stdin["crontab -"])
	}
}

func TestInstallCronNeverOverwritesAnUnreadableCrontab(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{"crontab -l": "!1 crontab: cannot open /var/spool/cron: Permission denied\n"}}
	s := testScheduler(t, r, "linux")
	err := s.Add(context.Background(), testJob(t, FormatCron, "5m", "", ""), true, false)
	if err == nil || !strings.Contains(err.Error(), "Permission denied") || slices.Contains(r.calls, "crontab -") {
		t.Errorf("err = %v, calls %q", err, r.calls)
	}
	if jobs, _ := s.List(); len(jobs) != 0 {
		t.Errorf("recorded after a failure: %+v", jobs)
	}
}

func TestReAddChangesNothingWithoutForce(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{}}
	s := testScheduler(t, r, "linux")
	ctx := context.Background()
	if err := s.Add(ctx, testJob(t, FormatCron, "5m", "", ""), true, false); err != nil {
		t.Fatal(err)
	}
	before := len(r.calls)
	if err := s.Add(ctx, testJob(t, FormatCron, "5m", "", ""), true, false); err != nil || len(r.calls) != before {
		t.Errorf("same definition: err %v, calls %q", err, r.calls[before:])
	}
	if err := s.Add(ctx, testJob(t, FormatCron, "10m", "", ""), true, false); err == nil || !strings.Contains(err.Error(), "another definition") || len(r.calls) != before {
		t.Errorf("another definition: err %v, calls %q", err, r.calls[before:])
	}
	if err := s.Add(ctx, testJob(t, FormatCron, "10m", "", ""), true, true); err != nil {
		t.Fatal(err)
	}
	if jobs, _ := s.List(); len(jobs) != 1 || jobs[0].Every != "10m" {
		t.Errorf("after --force: %+v", jobs)
	}
}

func TestInstallSystemdWritesUnitsAndEnablesTheTimer(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{}}
	s := testScheduler(t, r, "linux")
	if err := s.Add(context.Background(), testJob(t, FormatSystemd, "5m", "", ""), true, false); err != nil {
		t.Fatal(err)
	}
	want := []string{"systemctl --user daemon-reload", "systemctl --user enable --now pcsh-health.timer"}
	if !slices.Equal(r.calls, want) {
		t.Errorf("calls %q; want %q", r.calls, want)
	}
	service, err := os.ReadFile(filepath.Join(s.UnitDir, "pcsh-health.service"))
	if err != nil || !strings.Contains(string(service), "ExecStart=/usr/local/bin/pcsh schedule run health") {
		t.Errorf("service %q, %v", service, err)
	}
	r.calls = nil
	if err := s.Remove(context.Background(), "health"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"systemctl --user disable --now pcsh-health.timer", "systemctl --user daemon-reload"}; !slices.Equal(r.calls, want) {
		t.Errorf("remove calls %q; want %q", r.calls, want)
	}
	if _, err := os.Stat(filepath.Join(s.UnitDir, "pcsh-health.timer")); !os.IsNotExist(err) {
		t.Errorf("timer still there: %v", err)
	}
}

func TestInstallSchtasksOnWindows(t *testing.T) {
	r := &fakeRunner{answers: map[string]string{}}
	s := testScheduler(t, r, "windows")
	if err := s.Add(context.Background(), testJob(t, FormatSchtasks, "5m", "", ""), true, false); err != nil {
		t.Fatal(err)
	}
	file := TaskFile(s.StateDir, "health")
	if want := []string{`schtasks /Create /TN pcsh\health /XML ` + file}; !slices.Equal(r.calls, want) {
		t.Errorf("calls %q; want %q", r.calls, want)
	}
	data, _ := os.ReadFile(file)
	if len(data) < 2 || data[0] != 0xFF || data[1] != 0xFE {
		t.Fatalf("not UTF-16LE with a BOM: % x", data[:min(4, len(data))])
	}
	units := make([]uint16, (len(data)-2)/2)
	for i := range units {
		units[i] = uint16(data[2+2*i]) | uint16(data[3+2*i])<<8
	}
	if text := string(utf16.Decode(units)); !strings.Contains(text, "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>") {
		t.Errorf("task file:\n%s", text)
	}
	r.calls = nil
	if err := s.Remove(context.Background(), "health"); err != nil || !slices.Equal(r.calls, []string{`schtasks /Delete /TN pcsh\health /F`}) {
		t.Errorf("remove: %v, calls %q", err, r.calls)
	}
}

func TestInstallRefusesAFormatThePlatformLacks(t *testing.T) {
	r := &fakeRunner{}
	for goos, f := range map[string]Format{"linux": FormatSchtasks, "darwin": FormatSystemd, "windows": FormatCron} {
		err := testScheduler(t, r, goos).Add(context.Background(), testJob(t, f, "5m", "", ""), true, false)
		if err == nil || !strings.Contains(err.Error(), "Cannot install a "+string(f)+" job on "+goos) || len(r.calls) != 0 {
			t.Errorf("%s on %s: %v, calls %q", f, goos, err, r.calls)
		}
	}
}
