//go:build windows

package datacenter

import (
	"errors"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/windows"
)

// detached starts an instance in a process group of its own, without a
// console, so closing the console that ran pcsh lab up leaves it running.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP | windows.DETACHED_PROCESS}
}

// stillActive is GetExitCodeProcess's answer for a running process.
const stillActive = 259

// alive reports whether pid is a running process. Windows keeps no
// command line to check, so a pid reused by another program counts as
// alive; state.json's start time is what lab status shows beside it.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	return windows.GetExitCodeProcess(h, &code) == nil && code == stillActive
}

// stop ends the instance. A detached Windows process has no console to
// receive CTRL_BREAK and no SIGTERM, so it is terminated as kill does:
// the instance's write-ahead log makes that safe (README.md), and
// grace only bounds the wait for it to go.
func stop(pid int, grace time.Duration) error {
	if err := kill(pid); err != nil {
		return err
	}
	for deadline := time.Now().Add(grace); alive(pid) && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// kill terminates the process: the instance gets no chance to flush.
func kill(pid int) error {
	if !alive(pid) {
		return nil
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	if err := p.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	return nil
}
