package pclab

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/modules/connection"
	_ "pcsh/modules/lab" // pcsh lab serve, run by the test binary itself (see TestMain)
	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cli"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// TestMain doubles as pcsh: the lab's instances are this binary started
// as `pcsh lab serve`, real SQL instances.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "lab" && os.Args[2] == "serve" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
	}
	os.Exit(m.Run())
}

// layout is two instances on addresses no other test uses.
const layout = `{"domain": "lab.local", "adminSite": "DC2", "sites": [
  {"name": "DC1", "instances": [{"name": "dc1-sql1", "role": "primary", "address": "127.0.0.60"}]},
  {"name": "DC2", "instances": [{"name": "dc2-sql1", "role": "backup", "address": "127.0.0.61"}]}]}`

// labSession is a session whose pcsh binary is this test binary.
func labSession(t *testing.T) (*cmdlet.Session, *cmdlettest.Host) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	s.Getenv = func(k string) string {
		if k == "PCSH_LAB_EXE" {
			return exe
		}
		return os.Getenv(k)
	}
	return s, h
}

// run runs one command line (a single command) in the session.
func run(t *testing.T, s *cmdlet.Session, line string) ([]any, error) {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	call := pls[0].Calls[0]
	cmd, ok := s.Registry.Lookup(call.Name)
	if !ok {
		t.Fatalf("unknown command %s", call.Name)
	}
	out, _, err := s.Invoke(context.Background(), s.Prefs, cmd, shell.Args(cmd, call.Elems), nil)
	return out, err
}

// states is "name=State" for each instance object.
func states(t *testing.T, objs []any) string {
	t.Helper()
	var parts []string
	for _, o := range objs {
		obj := o.(*cmdlet.Object)
		name, _ := obj.Get("Name")
		state, _ := obj.Get("State")
		parts = append(parts, name.(string)+"="+state.(string))
	}
	return strings.Join(parts, " ")
}

func mustStates(t *testing.T, s *cmdlet.Session, dir, want string) {
	t.Helper()
	out, err := run(t, s, "Get-PcLabInstance -Directory "+dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(t, out); got != want {
		t.Fatalf("Get-PcLabInstance: %s, want %s", got, want)
	}
}

func errorID(err error) string { return cmdlet.AsRecord(err).ErrorID }

func TestLabCmdlets(t *testing.T) {
	work := t.TempDir()
	dir, file := filepath.Join(work, "lab"), filepath.Join(work, "layout.json")
	if err := os.WriteFile(file, []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = datacenter.Down(dir, time.Second) })
	s, h := labSession(t)

	// -WhatIf names the instances and starts none.
	if out, err := run(t, s, "Start-PcLab -Directory "+dir+" -Layout "+file+" -WhatIf"); err != nil || len(out) != 0 {
		t.Fatalf("Start-PcLab -WhatIf: %v %v", out, err)
	}
	if !strings.Contains(h.Text(), `What if: Performing the operation "Start the lab's 2 instances (dc1-sql1, dc2-sql1)" on target "`+dir+`".`) {
		t.Fatalf("what if: %s", h.Text())
	}
	if _, err := os.Stat(filepath.Join(dir, datacenter.StateFile)); err == nil {
		t.Fatal("Start-PcLab -WhatIf wrote lab.json")
	}

	out, err := run(t, s, "Start-PcLab -Directory "+dir+" -Layout "+file+" -UseInSession")
	if err != nil {
		t.Fatal(err)
	}
	if got := states(t, out); got != "dc1-sql1=Running dc2-sql1=Running" {
		t.Fatalf("Start-PcLab wrote %s", got)
	}
	labFile := filepath.Join(dir, datacenter.StateFile)
	if s.Getenv("PCSH_LAB_FILE") != labFile || s.Getenv("PCSH_TOPOLOGY") != filepath.Join(dir, "topology.lua") ||
		s.Getenv("PCSH_CMS_DIR") != filepath.Join(dir, "cms") || connection.For(s).LabFile != labFile {
		t.Fatalf("-UseInSession: PCSH_LAB_FILE=%q PCSH_TOPOLOGY=%q PCSH_CMS_DIR=%q LabFile=%q", s.Getenv("PCSH_LAB_FILE"),
			s.Getenv("PCSH_TOPOLOGY"), s.Getenv("PCSH_CMS_DIR"), connection.For(s).LabFile)
	}
	// The session now resolves the lab's names: a query on the primary
	// reaches it with the lab's login.
	rows, err := run(t, s, "Invoke-PcSqlQuery -SqlInstance dc1-sql1 -Query 'SELECT name FROM sys.databases WHERE name = N''mgc''' -Force")
	if err != nil || len(rows) != 1 {
		t.Fatalf("a query on the lab's primary after -UseInSession: %v %v", rows, err)
	}
	out, _ = run(t, s, "Get-PcLabInstance -Directory "+dir)
	if pid, _ := out[0].(*cmdlet.Object).Get("PID"); pid.(int64) <= 0 {
		t.Fatalf("a running instance has PID %v", pid)
	}

	// -WhatIf, an unconfirmed fault and refused arguments change nothing.
	if _, err := run(t, s, "Invoke-PcLabFault -Directory "+dir+" -Action kill -Target DC1 -WhatIf"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Text(), `What if: Performing the operation "Kill (SIGKILL, no flush)" on target "DC1 (dc1-sql1)".`) {
		t.Fatalf("what if: %s", h.Text())
	}
	for line, id := range map[string]string{
		"Invoke-PcLabFault -Directory " + dir + " -Action kill -Target dc1-sql1":                        "ConfirmationRequired",
		"Invoke-PcLabFault -Directory " + dir + " -Action partition -Target share -WhatIf":              "LabFaultTargetInvalid",
		"Invoke-PcLabFault -Directory " + dir + " -Action kill -Target nowhere -WhatIf":                 "LabFaultTargetInvalid",
		"Invoke-PcLabFault -Directory " + dir + " -Action kill -Target dc1-sql1 -Milliseconds 5 -Force": "MillisecondsWithoutSlow",
	} {
		if _, err := run(t, s, line); errorID(err) != id {
			t.Errorf("%s: %v, want %s", line, err, id)
		}
	}
	mustStates(t, s, dir, "dc1-sql1=Running dc2-sql1=Running")

	out, err = run(t, s, "Invoke-PcLabFault kill dc1-sql1 -Directory "+dir+" -Force")
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := out[0].(*cmdlet.Object).Get("Result"); r != "killed dc1-sql1" {
		t.Fatalf("Invoke-PcLabFault wrote %v", r)
	}
	mustStates(t, s, dir, "dc1-sql1=Stopped dc2-sql1=Running")

	if out, err := run(t, s, "Stop-PcLab -Directory "+dir+" -WhatIf"); err != nil || len(out) != 0 {
		t.Fatalf("Stop-PcLab -WhatIf: %v %v", out, err)
	}
	if !strings.Contains(h.Text(), `What if: Performing the operation "Stop the lab's 1 running instances (dc2-sql1)"`) {
		t.Fatalf("what if: %s", h.Text())
	}
	mustStates(t, s, dir, "dc1-sql1=Stopped dc2-sql1=Running")
	out, err = run(t, s, "Stop-PcLab -Directory "+dir+" -PassThru")
	if err != nil || states(t, out) != "dc1-sql1=Stopped dc2-sql1=Stopped" {
		t.Fatalf("Stop-PcLab -PassThru: %v %v", out, err)
	}
	mustStates(t, s, dir, "dc1-sql1=Stopped dc2-sql1=Stopped")
}

func TestNoLab(t *testing.T) {
	s, _ := labSession(t)
	dir := filepath.Join(t.TempDir(), "none")
	for _, line := range []string{"Get-PcLabInstance " + dir, "Stop-PcLab " + dir + " -WhatIf",
		"Invoke-PcLabFault heal all -Directory " + dir + " -WhatIf"} {
		if _, err := run(t, s, line); errorID(err) != "LabNotFound" {
			t.Errorf("%s: %v, want LabNotFound", line, err)
		}
	}
}
