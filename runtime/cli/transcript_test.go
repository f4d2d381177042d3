package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

func fixedNow() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }

// TestTranscriptRefusesSymlink: a symbolic link at the transcript path is
// not followed, and the file it points at is left alone.
func TestTranscriptRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "victim"), filepath.Join(dir, "t.log")
	if err := os.WriteFile(target, []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if tr, err := OpenTranscript(link, fixedNow, &cmdlet.Secrets{}); err == nil {
		tr.Close()
		t.Fatal("the transcript followed a symbolic link")
	}
	if data, _ := os.ReadFile(target); string(data) != "keep\n" {
		t.Fatalf("the link's target changed: %q", data)
	}
}

// TestTranscriptMode0600: a new transcript is created 0600 and an existing
// one is narrowed to 0600 before anything is written to it.
func TestTranscriptMode0600(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.log")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "new.log"), old} {
		tr, err := OpenTranscript(p, fixedNow, &cmdlet.Secrets{})
		if err != nil {
			t.Fatal(err)
		}
		tr.Close()
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, fi.Mode(), err)
		}
	}
}

// TestTranscriptHoldKeepsOrder: lines written while the input is held
// follow the input once it is released, redacted with what was learnt in
// between.
func TestTranscriptHoldKeepsOrder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.log")
	s := &cmdlet.Secrets{}
	tr, err := OpenTranscript(p, fixedNow, s)
	if err != nil {
		t.Fatal(err)
	}
	out := tr.Tee(&strings.Builder{}, "out")
	tr.Hold()
	_, _ = out.Write([]byte("using Held-Pw-1\n"))
	s.Add("Held-Pw-1")
	tr.Release(`Set_X{Password = "Held-Pw-1"}`)
	tr.Close()
	data, _ := os.ReadFile(p)
	want := "[2024-01-01T00:00:00Z] ** pcsh transcript start 2024-01-01T00:00:00Z\n" +
		"[2024-01-01T00:00:00Z] > Set_X{Password = ********}\n" +
		"[2024-01-01T00:00:00Z] out using ********\n" +
		"[2024-01-01T00:00:00Z] ** pcsh transcript end\n"
	if string(data) != want {
		t.Fatalf("got\n%s\nwant\n%s", data, want)
	}
}

// TestMaskLiterals: Lua string literals holding a bound secret are masked
// in each quoting form, escapes included; other literals stay.
func TestMaskLiterals(t *testing.T) {
	src := `local a, b, c = "x", 'x', [[x]]; f{P = "q\"1", N = "xy"}`
	got := maskLiterals(src, []string{"x", `q"1`})
	want := `local a, b, c = "********", '********', [[********]]; f{P = "********", N = "xy"}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// TestMaskArgs: pcsh run's argument words that are secrets are masked,
// also after -Name:.
func TestMaskArgs(t *testing.T) {
	got := maskArgs([]string{"Set-X", "-P", "s1", "-Password:s2", "-User", "u"}, []string{"s1", "s2"})
	if strings.Join(got, " ") != "Set-X -P ******** -Password:******** -User u" {
		t.Fatalf("%q", got)
	}
}
