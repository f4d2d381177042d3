package datacenter

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Executable returns the pcsh binary that starts lab instances: PCSH_LAB_EXE
// when set, else the running program as it was invoked.
func Executable(getenv func(string) string) (string, error) {
	if p := getenv("PCSH_LAB_EXE"); p != "" {
		return p, nil
	}
	if strings.ContainsRune(os.Args[0], filepath.Separator) {
		return filepath.Abs(os.Args[0])
	}
	if p, err := exec.LookPath(os.Args[0]); err == nil {
		return p, nil
	}
	return os.Executable()
}

// start launches `pcsh lab serve` for r detached from pcsh (its own
// session, or process group on Windows, so it outlives pcsh lab up), appending its output to r.LogFile, and waits for the
// ready line.
func start(ctx context.Context, exe, labDir string, r *Running, env []string) error {
	if err := os.MkdirAll(r.DataDir, 0o755); err != nil {
		return err
	}
	logf, err := os.OpenFile(r.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	offset, _ := logf.Seek(0, 2)
	args := []string{"lab", "serve", "--name", r.Name,
		"--listen", fmt.Sprintf("%s:%d", r.Address, r.Port), "--data", r.DataDir, "--lab", labDir}
	if IsNamed(r.Instance.Instance) {
		args = append(args, "--instance", r.Instance.Instance)
	}
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = env
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", r.Name, err)
	}
	r.PID, r.Started = cmd.Process.Pid, time.Now().UTC()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return waitReady(ctx, r, offset, exited)
}

// waitReady polls the log for the instance's ready line.
func waitReady(ctx context.Context, r *Running, offset int64, exited <-chan error) error {
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if readyIn(r.LogFile, offset) {
			return nil
		}
		select {
		case err := <-exited:
			r.PID = 0
			return fmt.Errorf("instance %s exited before it was ready (%v); log:\n%s", r.Name, err, tail(r.LogFile, offset))
		case <-deadline.C:
			return fmt.Errorf("instance %s was not ready after 30 s; log:\n%s", r.Name, tail(r.LogFile, offset))
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func readyIn(path string, offset int64) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	_, _ = f.Seek(offset, 0)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "ready") {
			return true
		}
	}
	return false
}

func tail(path string, offset int64) string {
	data, _ := os.ReadFile(path)
	if int(offset) <= len(data) {
		data = data[offset:]
	}
	if len(data) > 2000 {
		data = data[len(data)-2000:]
	}
	return string(data)
}
