//go:build unix

package datacenter

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// detached starts an instance in a session of its own.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

// alive reports whether pid is a running lab instance process.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	return strings.Contains(string(cmdline), "serve") && strings.Contains(string(cmdline), "lab")
}

// stop sends SIGTERM, waits for the process to go, then SIGKILL.
func stop(pid int, grace time.Duration) error {
	if !alive(pid) {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return err
	}
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		if !alive(pid) || zombie(pid) {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return kill(pid)
}

// kill is a real SIGKILL: the instance gets no chance to flush.
func kill(pid int) error {
	if !alive(pid) {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return err
	}
	return nil
}

func zombie(pid int) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	fields := strings.Fields(string(data))
	return len(fields) > 2 && fields[2] == "Z"
}
