package datacenter

import (
	"context"
	"fmt"
	"os"
	"time"
)

// StopGrace is how long Stop waits for an instance to exit after SIGTERM
// before it sends SIGKILL.
const StopGrace = 10 * time.Second

// LayoutFrom returns the layout in a JSON file, or the standard layout
// when file is empty: `pcsh lab up --config` and Start-PcLab -Layout.
func LayoutFrom(file string) (Layout, error) {
	if file == "" {
		return Standard(), nil
	}
	l, err := LoadLayout(file)
	if err != nil {
		return Layout{}, labError("LabLayoutInvalid", err, "Cannot read the lab layout: %v.", err)
	}
	return l, nil
}

// Start is `pcsh lab up` and Start-PcLab: it starts every instance of l
// in dir with the pcsh binary Executable finds, creates mgc on the
// primary (getenv gives the lab password) and returns the lab's state.
// The instances inherit the process environment.
func Start(ctx context.Context, dir string, l Layout, getenv func(string) string) (*State, error) {
	exe, err := Executable(getenv)
	if err != nil {
		return nil, labError("LabExecutableNotFound", err, "Cannot find the pcsh binary: %v.", err)
	}
	s, err := UpSeeded(ctx, dir, l, exe, os.Environ(), getenv)
	if err != nil {
		return nil, labError("LabNotStarted", err, "The lab did not start: %v", err)
	}
	return s, nil
}

// Instances is `pcsh lab status` and Get-PcLabInstance: the status of
// each instance of the lab in dir.
func Instances(dir string) ([]InstanceStatus, error) {
	st, err := Status(dir)
	if err != nil {
		return nil, openError("LabStatusFailed", err, "%v.", err)
	}
	return st, nil
}

// Stop is `pcsh lab down` and Stop-PcLab: it stops every instance of the
// lab in dir (SIGTERM, SIGKILL after StopGrace).
func Stop(dir string) (*State, error) {
	s, err := Down(dir, StopGrace)
	if err != nil {
		return s, openError("LabNotStopped", err, "%v.", err)
	}
	return s, nil
}

// ApplyFault is `pcsh lab fault` and Invoke-PcLabFault: Fault with the
// pcsh binary Executable finds (restart starts instances with it) and the
// process environment.
func ApplyFault(ctx context.Context, dir, action, target string, args []string, getenv func(string) string) (string, error) {
	exe, err := Executable(getenv)
	if err != nil {
		return "", labError("LabExecutableNotFound", err, "Cannot find the pcsh binary: %v.", err)
	}
	msg, err := Fault(ctx, dir, action, target, args, exe, os.Environ())
	if err != nil {
		return "", openError("LabFaultFailed", err, "The fault was not applied: %v.", err)
	}
	return msg, nil
}

// UpMessage is the line `pcsh lab up` prints once the lab runs.
func (s *State) UpMessage() string {
	return fmt.Sprintf("lab up in %s (%d instances, mgc on the primary); details in %s", s.Dir, len(s.Instances), StateFile)
}

// DownMessage is the line `pcsh lab down` prints once the lab stopped.
func (s *State) DownMessage() string {
	return fmt.Sprintf("lab down in %s (%d instances stopped)", s.Dir, len(s.Instances))
}
